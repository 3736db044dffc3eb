import { describe, expect, it } from 'vitest';
import { Bm25Index } from '../../../src/core/suggest/bm25.js';
import { rankUnits, tokenize } from '../../../src/core/suggest/rank.js';
import { suggestUnits } from '../../../src/core/suggest/units.js';

describe('BM25', () => {
  // Three units: N = 3, lengths 2, 3, 1, so avgdl = 2.
  const index = new Bm25Index([['a', 'b'], ['b', 'c', 'c'], ['d']], { k1: 1.2, b: 0.75 });

  it('idf is ln(1 + (N − n + 0.5) / (n + 0.5))', () => {
    expect(index.idf('c')).toBeCloseTo(Math.log(1 + 2.5 / 1.5), 12);
    expect(index.idf('b')).toBeCloseTo(Math.log(1 + 1.5 / 2.5), 12);
    expect(index.idf('zzz')).toBeCloseTo(Math.log(1 + 3.5 / 0.5), 12);
  });

  it('scores a unit by hand: tf 2 in a unit of 3 stems', () => {
    // norm = 1.2 · (0.25 + 0.75 · 3 / 2) = 1.65; tf part = 2 · 2.2 / (2 + 1.65)
    const s = index.score(1, new Map([['c', 1]]));
    expect(s.score).toBeCloseTo(Math.log(8 / 3) * (4.4 / 3.65), 12);
  });

  it('weights the query and splits the score into its stems', () => {
    const s = index.score(
      1,
      new Map([
        ['b', 0.5],
        ['c', 1],
        ['a', 1],
      ]),
    );
    // b: tf 1 → 2.2 / 2.65; a is not in unit 1 and gives nothing.
    const b = 0.5 * Math.log(1.6) * (2.2 / 2.65);
    const c = Math.log(8 / 3) * (4.4 / 3.65);
    expect(s.parts.get('b')).toBeCloseTo(b, 12);
    expect(s.parts.get('c')).toBeCloseTo(c, 12);
    expect(s.parts.has('a')).toBe(false);
    expect(s.score).toBeCloseTo(b + c, 12);
  });
});

describe('rankUnits', () => {
  const texts = [
    'Vi saknar pengar och finansiering till projektet.', // 0: example
    'Finansieringen räcker inte, pengarna tar slut.', // 1: like the example
    'Vädret var fint i går.', // 2: nothing alike
    'Pengar är alltid ett problem för oss.', // 3: one shared stem
    'Finansiering och pengar, pengar, pengar.', // 4: already coded
  ];
  const units = texts.map((t) => tokenize(t, 'sv'));
  const examples = [units[0]?.stems ?? []];
  const params = { k1: 1.2, b: 0.75, terms: 30, explain: 5 };

  it('ranks similar units first, with the words as written that made them similar', () => {
    const r = rankUnits({ units, examples, candidate: (i) => i !== 0 && i !== 4, limit: 10, parameters: params });
    expect(r.ranked.map((x) => x.unit)).toEqual([1, 3]);
    expect(r.ranked[0]?.words).toEqual(expect.arrayContaining(['finansieringen', 'pengarna']));
    expect(r.ranked[1]?.words).toEqual(['pengar']);
    expect(r.ranked[0]?.score).toBeGreaterThan(r.ranked[1]?.score ?? Infinity);
  });

  it('never offers a unit that is not a candidate (coded or rejected)', () => {
    const r = rankUnits({ units, examples, candidate: (i) => i === 2 || i === 3, limit: 10, parameters: params });
    expect(r.ranked.map((x) => x.unit)).toEqual([3]);
  });

  it('keeps only the strongest query terms', () => {
    const r = rankUnits({ units, examples, candidate: () => true, limit: 10, parameters: { ...params, terms: 2 } });
    expect(r.query).toHaveLength(2);
  });

  it('stems English in an English project', () => {
    const en = ['Obstacles everywhere.', 'An obstacle again.'].map((t) => tokenize(t, 'en'));
    const r = rankUnits({ units: en, examples: [en[0]?.stems ?? []], candidate: (i) => i === 1, limit: 5, parameters: params });
    expect(r.ranked[0]?.words).toEqual(['obstacle']);
  });
});

describe('suggestUnits', () => {
  const text = 'I: Vilka hinder finns?\nAlbin: Pengar saknas. Tiden räcker inte.\n\nI: Något mer?\nAlbin: Nej.';
  const at = (s: string) => [...text.slice(0, text.indexOf(s))].length;
  const turns = [
    { start: 0, end: at('Albin: Pengar'), speaker: 'I' },
    { start: at('Albin: Pengar'), end: at('I: Något'), speaker: 'Albin' },
    { start: at('I: Något'), end: at('Albin: Nej'), speaker: 'I' },
    { start: at('Albin: Nej'), end: [...text].length, speaker: 'Albin' },
  ];
  const cut = (r: { start: number; end: number }) => [...text].slice(r.start, r.end).join('');

  it('sentences of participants, none of the interviewer', () => {
    expect(suggestUnits(text, turns, 'sentence').map(cut)).toEqual(['Pengar saknas.', 'Tiden räcker inte.', 'Nej.']);
  });

  it('turns of participants without their labels', () => {
    expect(suggestUnits(text, turns, 'turn').map(cut)).toEqual(['Pengar saknas. Tiden räcker inte.', 'Nej.']);
  });

  it('paragraphs when a source has no turns', () => {
    expect(suggestUnits('Ett stycke.\n\nEtt annat 😀 stycke.', [], 'turn').map((r) => r)).toEqual([
      { start: 0, end: 11 },
      { start: 13, end: 32 },
    ]);
  });
});
