import { describe, expect, it } from 'vitest';
import { readSetMarker, withSetMarker } from '../../../src/formats/refi/setMarker.js';

const A = '00000000-0000-4000-8000-000000000001';
const B = '00000000-0000-4000-8000-000000000002';

describe('the marker line Koda writes in a REFI-QDA Set description', () => {
  it('reads back what it wrote: kind, cases, a rule whose names hold ; ] " and \\, and the description before it', () => {
    const marker = { kind: 'case' as const, cases: [A, B], rule: { attribute: 'Ort; "län"]', value: 'Norr\\Syd' } };
    const text = withSetMarker('Första raden\nAndra raden', marker);
    expect(text.split('\n')).toHaveLength(3);
    expect(readSetMarker(text)).toEqual({ description: 'Första raden\nAndra raden', marker });
  });

  it('a case set without cases, a source set with a rule, and a marker alone', () => {
    const empty = { kind: 'case' as const, cases: [], rule: null };
    expect(withSetMarker('', empty)).toBe('[Koda: case set; cases]');
    expect(readSetMarker('[Koda: case set; cases]')).toEqual({ description: '', marker: empty });
    const source = { kind: 'source' as const, cases: [], rule: { attribute: 'stadsdel', value: 'Y' } };
    expect(withSetMarker('Y', source)).toBe('Y\n[Koda: source set; rule "stadsdel" = "Y"]');
    expect(readSetMarker('Y\r\n[Koda: source set; rule "stadsdel" = "Y"]\r\n')).toEqual({ description: 'Y', marker: source });
  });

  it('leaves a description alone when its last line is not Koda’s marker', () => {
    for (const text of [
      'Vanlig beskrivning',
      '[Koda: case set; cases nej!]',
      '[Koda: code set]',
      '[Koda: case set; rule "a" = "\\q"]',
      '[Koda: case set]\nmer text',
    ]) {
      expect(readSetMarker(text)).toEqual({ description: text, marker: null });
    }
  });
});
