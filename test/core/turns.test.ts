import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { detectTurns, matchSpeakerPrefix, parseClock } from '../../src/core/transcript/turns.js';

const texts = (text: string) => {
  const index = new CodePointIndex(text);
  return detectTurns(text).map((t) => index.slice(t.start, t.end));
};

describe('detectTurns', () => {
  it('finds I:/IP: turns with exact code-point ranges, trailing blank lines excluded', () => {
    const text = 'Intervju 3, 2023-04-12\n\nI: Hur länge har du jobbat här?\n\nIP: Sedan 2015.\nDet är länge.\n\n';
    expect(detectTurns(text)).toEqual([
      { start: 24, end: 55, speaker: 'I', startMs: null, endMs: null },
      { start: 57, end: 86, speaker: 'IP', startMs: null, endMs: null },
    ]);
    expect(texts(text)).toEqual(['I: Hur länge har du jobbat här?', 'IP: Sedan 2015.\nDet är länge.']);
  });

  it('counts code points, not UTF-16 units, after an emoji-bearing line', () => {
    const text = 'Albin: Bra 👍🏽 verkligen 😀\nKristin: Jag håller med 👍\nAlbin: Ja.';
    const turns = detectTurns(text);
    expect(turns.map((t) => [t.start, t.end])).toEqual([
      [0, 25],
      [26, 51],
      [52, 62],
    ]);
    expect(texts(text)).toEqual(['Albin: Bra 👍🏽 verkligen 😀', 'Kristin: Jag håller med 👍', 'Albin: Ja.']);
    expect(text.indexOf('Kristin')).toBe(29); // UTF-16 index differs from the code-point 26
  });

  it('accepts names of 1–3 capitalised words, hyphens and Swedish letters', () => {
    const text = 'Anna-Karin: Hej.\nDr Smith: Hello.\nÅsa Öberg Ek: Hej hej.\nIntervjuare: Och?\nRespondent 2: Ja.';
    expect(detectTurns(text).map((t) => t.speaker)).toEqual([
      'Anna-Karin',
      'Dr Smith',
      'Åsa Öberg Ek',
      'Intervjuare',
      'Respondent 2',
    ]);
  });

  it('reads timestamps before or after the label and chains endMs', () => {
    const text = '[00:01:02] Albin: Ett.\nKristin (00:01:10.500): Två.\nAlbin [1:20]: Tre.\n00:02:00 I: Fyra.\nR: Fem.';
    expect(detectTurns(text).map((t) => [t.speaker, t.startMs, t.endMs])).toEqual([
      ['Albin', 62_000, 70_500],
      ['Kristin', 70_500, 80_000],
      ['Albin', 80_000, 120_000],
      ['I', 120_000, null],
      ['R', null, null],
    ]);
    expect(texts(text)[0]).toBe('[00:01:02] Albin: Ett.');
  });

  it('refuses stop words, four-word labels, lowercase sentences and URLs', () => {
    for (const line of [
      'Obs: detta är en anteckning',
      'Tabell 3: Deltagare',
      'Note: see below',
      'Anna Karin Maria Berg: för långt',
      'Det var så här: vi började',
      'Https://example.org',
      'Albin:text utan mellanslag',
    ]) {
      expect(matchSpeakerPrefix(line), line).toBeNull();
    }
  });

  it('treats text before the first turn as no turn, and needs two turns', () => {
    expect(detectTurns('I: Bara en fråga?\nInget svar.')).toEqual([]);
    expect(detectTurns('Ingen talare alls.\n\nBara text.')).toEqual([]);
  });

  it('accepts Markdown emphasis around a label and indented labels', () => {
    const text = '# Intervju\n\n**I:** Fråga?\n  **Albin**: Svar.';
    expect(detectTurns(text).map((t) => [t.speaker, t.start, t.end])).toEqual([
      ['I', 12, 25],
      ['Albin', 28, 44],
    ]);
  });

  it('parses clock formats', () => {
    expect(parseClock('1:02')).toBe(62_000);
    expect(parseClock('01:00:00,25')).toBe(3_600_250);
    expect(parseClock('00:00:01.5')).toBe(1_500);
  });
});
