import { describe, expect, it } from 'vitest';
import { speakerLabelEnd } from '../../../src/core/anchoring/speakerLabel.js';

const labelOf = (line: string, speaker: string | null = null) => {
  const end = speakerLabelEnd(line, 0, line.length, speaker);
  return end === null ? null : line.slice(0, end);
};

describe('speakerLabelEnd', () => {
  it('ends after the colon and the spaces after it', () => {
    expect(labelOf('Albin: Vi har ingen tid.')).toBe('Albin: ');
    expect(labelOf('  IP1:  Ja.')).toBe('  IP1:  ');
  });

  it('reads timestamps before and after the name, not stopping at their colons', () => {
    expect(labelOf('[00:01:02] Albin: Ja.')).toBe('[00:01:02] Albin: ');
    expect(labelOf('Albin (01:02): Ja.')).toBe('Albin (01:02): ');
  });

  it("takes a turn's own speaker, as a subtitle voice tag wrote it, when the prefix rule does not", () => {
    expect(labelOf('anna: ja visst.')).toBeNull();
    expect(labelOf('anna: ja visst.', 'anna')).toBe('anna: ');
  });

  it('is null for a line without a label, and stops at the line end and the limit', () => {
    expect(labelOf('Obs: inspelningen bröts.')).toBeNull();
    expect(labelOf('Vi har ingen tid.')).toBeNull();
    const text = 'Inledning\nKristin: Mm.';
    expect(speakerLabelEnd(text, 0, text.length)).toBeNull();
    expect(speakerLabelEnd(text, 10, text.length)).toBe(text.length - 3);
    expect(speakerLabelEnd(text, 10, 14)).toBeNull();
  });
});
