import { describe, expect, it } from 'vitest';
import { pooledUnitizedAlpha, unitizedAlpha } from '../../../src/core/agreement/unitizedAlpha.js';

const r = (start: number, end: number) => ({ start, end });

describe('unitizing alpha uα (Krippendorff et al. 2016; Content Analysis 2019, 12.6)', () => {
  it('2 coders on a continuum of 10 characters, worked by hand → 729/910', () => {
    // A: gap [0,2) unit [2,6) gap [6,10).   B: gap [0,3) unit [3,6) gap [6,10).   m = 2, L = 10, l.. = 20.
    // Observed (both orders of the pair, ÷ (m−1) = 1):
    //   A→B: gap∩gap 2 + 4, unit∩gap [2,3) = 1, unit∩unit [3,6) = 3;  B→A: the mirror.
    //   l_cc = 6, l_c∅ = l_∅c = 1, l_∅∅ = 12.
    // Expected: l_c· = 4 + 3 = 7, l_∅· = 13; Σ unit ℓ² = 16 + 9 = 25; Σ gap ℓ = 13.
    //   denominator = 20² − 25 − 13 = 362;  e_c∅ = 20 · 7 · 13 / 362 = 1820/362.
    // uα = 1 − l_c∅ / e_c∅ = 1 − 362/1820 = 1458/1820 = 729/910 ≈ 0.8011.
    const u = unitizedAlpha([{ length: 10, coders: [[r(2, 6)], [r(3, 6)]] }]);
    expect(u.value).toBeCloseTo(729 / 910, 12);
    expect(u.observed).toEqual([
      [6, 1],
      [1, 12],
    ]);
    expect(u.expected[0][1]).toBeCloseTo(1820 / 362, 12);
    expect(u.expected[0][0]).toBeCloseTo((20 * (49 - 25)) / 362, 12);
    expect(u.expected[1][1]).toBeCloseTo((20 * (169 - 13)) / 362, 12);
    expect(u).toMatchObject({ n: 20, continuum: 10, codeLength: 7, gapLength: 13, sumSquaredUnitLengths: 25, units: 2 });
  });

  it('3 coders, worked by hand → 49/81', () => {
    // L = 6. A [0,3), B [0,3), C [1,4). Pairs: A,B share 3; A,C share 2; B,C share 2.
    // Σ_i Σ_{j≠i} |unit_i ∩ unit_j| = 2·(3 + 2 + 2) = 14 → l_cc = 14/2 = 7.
    // Σ_i Σ_{j≠i} |unit_i ∩ gap_j| = (0 + 0) + (1 + 1) + (1 + 1) = 4 → l_c∅ = 4/2 = 2.
    // l.. = 18, l_c· = 9, l_∅· = 9, Σ ℓ² = 27, denominator = 324 − 27 − 9 = 288, e_c∅ = 18·9·9/288 = 5.0625.
    // uα = 1 − 2/5.0625 = 1 − 32/81 = 49/81.
    const u = unitizedAlpha([{ length: 6, coders: [[r(0, 3)], [r(0, 3)], [r(1, 4)]] }]);
    expect(u.value).toBeCloseTo(49 / 81, 12);
    expect(u.observed[0]).toEqual([7, 2]);
  });

  it('one coder coded nothing: defined and below zero, by hand → −0.15', () => {
    // L = 10, A [2,6), B nothing. l_c∅ = 4 (A's unit meets B's gap), l.. = 20, l_c· = 4, l_∅· = 16.
    // denominator = 400 − 16 − 16 = 368; e_c∅ = 20·4·16/368 = 1280/368; uα = 1 − 4·368/1280 = −0.15.
    const u = unitizedAlpha([{ length: 10, coders: [[r(2, 6)], []] }]);
    expect(u.value).toBeCloseTo(-0.15, 12);
  });

  it('identical layers: 1; overlapping spans of one coder count as one unit', () => {
    expect(unitizedAlpha([{ length: 10, coders: [[r(2, 6)], [r(2, 4), r(3, 6)]] }]).value).toBe(1);
  });

  it('a code nobody used: undefined (no variation), not 1', () => {
    expect(unitizedAlpha([{ length: 10, coders: [[], []] }])).toMatchObject({ value: null, reason: 'no-variation' });
  });

  it('everyone coded everything: undefined (no variation)', () => {
    expect(unitizedAlpha([{ length: 5, coders: [[r(0, 5)], [r(0, 5)]] }])).toMatchObject({ value: null, reason: 'no-variation' });
  });

  it('an empty continuum: undefined (no units)', () => {
    expect(unitizedAlpha([])).toMatchObject({ value: null, reason: 'no-pairable-values' });
    expect(unitizedAlpha([{ length: 0, coders: [[], []] }])).toMatchObject({ value: null, reason: 'no-units' });
  });

  it('two sources are one continuum laid end to end', () => {
    const apart = unitizedAlpha([
      { length: 10, coders: [[r(2, 6)], [r(3, 6)]] },
      { length: 8, coders: [[r(1, 3)], [r(1, 4)]] },
    ]);
    const together = unitizedAlpha([
      {
        length: 18,
        coders: [
          [r(2, 6), r(11, 13)],
          [r(3, 6), r(11, 14)],
        ],
      },
    ]);
    expect(apart.value).toBeCloseTo(together.value as number, 12);
  });

  it('pools codes by summing observed and expected code–gap disagreement', () => {
    // Code 1: l_c∅ = 1, e_c∅ = 1820/362 (the first case).
    // Code 2: both coders [0,4): l_c∅ = 0; l_c· = 8, l_∅· = 12, Σ ℓ² = 32; e_c∅ = 20·8·12/(400 − 32 − 12) = 1920/356.
    // Pooled: 1 − (1 + 0)/(1820/362 + 1920/356).
    const one = unitizedAlpha([{ length: 10, coders: [[r(2, 6)], [r(3, 6)]] }]);
    const two = unitizedAlpha([{ length: 10, coders: [[r(0, 4)], [r(0, 4)]] }]);
    const pooled = pooledUnitizedAlpha([one, two]);
    expect(pooled.value).toBeCloseTo(1 - 1 / (1820 / 362 + 1920 / 356), 12);
  });
});
