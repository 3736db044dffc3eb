import { describe, expect, it } from 'vitest';
import { compareLayers } from '../../../src/core/agreement/disagreements.js';
import { coverage, intersectionLength, units } from '../../../src/core/agreement/spans.js';
import {
  characterPatterns,
  paragraphUnits,
  patternValues,
  sentenceUnits,
  turnUnits,
  unitPatterns,
} from '../../../src/core/agreement/units.js';
import { CodePointIndex } from '../../../src/core/text/codePoints.js';

const r = (start: number, end: number) => ({ start, end });
/** The texts of units, to read the tests. */
const texts = (text: string, spans: { start: number; end: number }[]) => {
  const index = new CodePointIndex(text);
  return spans.map((s) => index.slice(s.start, s.end));
};

describe('units of text', () => {
  const text =
    'I: Hur gick det? Bra 😀 tycker jag.\n\nAlbin: Vi har t.ex. en plan. Den fungerar!\nKristin: "Ja." Och mer…  Nej.\n\n\n  Slut  ';

  it('paragraphs are separated by blank lines, without surrounding whitespace', () => {
    expect(texts(text, paragraphUnits(text))).toEqual([
      'I: Hur gick det? Bra 😀 tycker jag.',
      'Albin: Vi har t.ex. en plan. Den fungerar!\nKristin: "Ja." Och mer…  Nej.',
      'Slut',
    ]);
  });

  it('sentences end at . ! ? … before a capital, a digit or a quote, and at every line break; "t.ex. en" goes on', () => {
    expect(texts(text, sentenceUnits(text))).toEqual([
      'I: Hur gick det?',
      'Bra 😀 tycker jag.',
      'Albin: Vi har t.ex. en plan.',
      'Den fungerar!',
      'Kristin: "Ja."',
      'Och mer…',
      'Nej.',
      'Slut',
    ]);
  });

  it('counts offsets in code points: the emoji is one character', () => {
    // "I: Hur gick det? " is 17 code points; "Bra 😀 tycker jag." is 17 code points (18 UTF-16 units).
    const [, second] = sentenceUnits(text);
    expect(second).toEqual({ start: 17, end: 34 });
  });

  it('turn units are the stored turns, sorted and clipped', () => {
    expect(turnUnits([r(10, 20), r(0, 8), r(18, 99)], 30)).toEqual([r(0, 8), r(10, 20), r(18, 30)]);
  });
});

describe('span sets', () => {
  it('coverage joins overlapping and touching spans; units joins only overlapping ones', () => {
    const spans = [r(5, 8), r(0, 3), r(3, 4), r(6, 10)];
    expect(coverage(spans)).toEqual([r(0, 4), r(5, 10)]);
    expect(units(spans)).toEqual([r(0, 3), r(3, 4), r(5, 10)]);
    expect(intersectionLength([r(0, 4), r(5, 10)], [r(2, 6), r(9, 12)])).toBe(2 + 1 + 1);
  });
});

describe('coding patterns per unit', () => {
  it('characters: one sweep, runs counted together, a missing coder shown as -', () => {
    // 10 characters. A codes [2,6), B codes [3,8): 00 on [0,2) and [8,10), 10 on [2,3), 11 on [3,6), 01 on [6,8).
    const counts = characterPatterns(10, [[r(2, 6)], [r(3, 8)]]);
    expect(Object.fromEntries(counts)).toEqual({ '00': 4, '10': 1, '11': 3, '01': 2 });
    expect(Object.fromEntries(characterPatterns(4, [[r(0, 1)], null]))).toEqual({ '1-': 1, '0-': 3 });
    expect(Object.fromEntries(characterPatterns(5, [[], []]))).toEqual({ '00': 5 });
  });

  it('units: a coder coded a unit when a span shares a character with it', () => {
    const sentences = [r(0, 10), r(11, 20), r(21, 30)];
    // A: one span touching the first sentence's last character and the second's first; B: inside the third.
    const counts = unitPatterns(sentences, [[r(9, 12)], [r(25, 26)]]);
    expect(Object.fromEntries(counts)).toEqual({ '10': 2, '01': 1 });
    // A span in the whitespace between units codes no unit.
    expect(Object.fromEntries(unitPatterns(sentences, [[r(10, 11)], []]))).toEqual({ '00': 3 });
  });

  it('a pattern as reliability data leaves missing coders out', () => {
    expect(patternValues('1-0')).toEqual(['1', '0']);
  });
});

describe('the disagreement view', () => {
  it('groups overlapping or adjoining spans into regions and says who coded what where', () => {
    const regions = compareLayers([
      [r(0, 5), r(20, 30)],
      [r(2, 8), r(20, 30), r(40, 45)],
    ]);
    expect(regions).toEqual([
      {
        start: 0,
        end: 8,
        agreed: false,
        coverage: [[r(0, 5)], [r(2, 8)]],
        differences: [
          { start: 0, end: 2, coders: [0] },
          { start: 5, end: 8, coders: [1] },
        ],
      },
      { start: 20, end: 30, agreed: true, coverage: [[r(20, 30)], [r(20, 30)]], differences: [] },
      { start: 40, end: 45, agreed: false, coverage: [[], [r(40, 45)]], differences: [{ start: 40, end: 45, coders: [1] }] },
    ]);
  });
});
