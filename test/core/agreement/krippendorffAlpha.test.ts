import { describe, expect, it } from 'vitest';
import { coincidences, krippendorffAlpha, type Level } from '../../../src/core/agreement/krippendorffAlpha.js';
import type { ReliabilityUnit } from '../../../src/core/agreement/types.js';

/** Reliability data as rows of coders (null = missing), turned into units (columns). */
function data<V>(rows: (V | null)[][]): ReliabilityUnit<V>[] {
  const width = Math.max(...rows.map((r) => r.length));
  return Array.from({ length: width }, (_, u) => ({
    values: rows.flatMap((r) => (r[u] === null || r[u] === undefined ? [] : [r[u] as V])),
    weight: 1,
  }));
}

const _ = null;

describe("Krippendorff's alpha: the published worked examples (Krippendorff 2011, 'Computing Krippendorff's Alpha-Reliability')", () => {
  // Example C/E: 4 observers × 12 units with missing data; the same data at every level.
  const fourCoders = data([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ]);

  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as [Level, number][])('4 coders × 12 units with missing data, %s: %f', (level, published) => {
    const alpha = krippendorffAlpha(fourCoders, level);
    expect(alpha.value).not.toBeNull();
    expect(Number((alpha.value as number).toFixed(3))).toBe(published);
  });

  it('builds that example’s coincidence matrix (derived by hand from the data)', () => {
    // Unit by unit, each ordered pair of values from different coders adds 1/(m_u − 1):
    //  u1 (1,1,1): o11 += 3·2/2 = 3          u2 (2,2,3,2): o22 += 3·2/3 = 2, o23 = o32 += 3/3 = 1
    //  u3, u4 (3,3,3,3): o33 += 4 each      u5, u9 (2,2,2,2): o22 += 4 each     u7 (4,4,4,4): o44 += 4
    //  u6 (1,2,3,4): every o_ck, c ≠ k, += 1/3   u8 (1,1,2,1): o11 += 2, o12 = o21 += 1
    //  u10 (5,5,5): o55 += 3                 u11 (1,1): o11 += 2                  u12 (3): one value, no pair
    // o11 = 7, o22 = 10, o33 = 8, o44 = 4, o55 = 3; o12 = 1/3 + 1, o23 = 1 + 1/3; n = 40.
    const c = coincidences(fourCoders);
    const t = 1 / 3;
    expect(c.values).toEqual([1, 2, 3, 4, 5]);
    const expected = [
      [7, 1 + t, t, t, 0],
      [1 + t, 10, 1 + t, t, 0],
      [t, 1 + t, 8, t, 0],
      [t, t, t, 4, 0],
      [0, 0, 0, 0, 3],
    ];
    for (const [i, row] of c.matrix.entries()) {
      for (const [j, o] of row.entries()) expect(o).toBeCloseTo(expected[i]?.[j] as number, 12);
    }
    expect(c.marginals.map((m) => Number(m.toFixed(9)))).toEqual([9, 13, 10, 5, 3]);
    expect(c.n).toBeCloseTo(40, 12);
  });

  it('example A: 2 coders, binary data, 10 units: 0.095', () => {
    const alpha = krippendorffAlpha(
      data([
        [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
        [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
      ]),
    );
    expect(Number((alpha.value as number).toFixed(3))).toBe(0.095);
  });

  it('example B: 2 coders, nominal data a–e, 12 units: 0.692', () => {
    const alpha = krippendorffAlpha(data([[...'aabbdcccedda'], [...'babbbccceddd']]));
    expect(Number((alpha.value as number).toFixed(3))).toBe(0.692);
  });

  it('the computational example of the Wikipedia article (3 coders, 15 units, missing data): nominal 0.691, interval 0.811', () => {
    const rows = data([
      [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
      [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
      [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
    ]);
    expect(Number((krippendorffAlpha(rows, 'nominal').value as number).toFixed(3))).toBe(0.691);
    expect(Number((krippendorffAlpha(rows, 'interval').value as number).toFixed(3))).toBe(0.811);
  });
});

describe("Krippendorff's alpha: small cases worked by hand", () => {
  it('2 coders, binary: A = 1 1 0 0, B = 1 0 0 0 → 8/15', () => {
    // o11 = 2 (unit 1), o10 = o01 = 1 (unit 2), o00 = 2 + 2 (units 3, 4); n = 8, n0 = 5, n1 = 3.
    // D_o = (o01 + o10)/n = 2/8;  D_e = (n0 n1 + n1 n0)/(n(n−1)) = 30/56.
    // α = 1 − (2/8)/(30/56) = 1 − 14/30 = 16/30 = 8/15.
    const alpha = krippendorffAlpha(
      data([
        [1, 1, 0, 0],
        [1, 0, 0, 0],
      ]),
    );
    expect(alpha.value).toBeCloseTo(8 / 15, 12);
    expect(alpha.observedDisagreement).toBeCloseTo(2 / 8, 12);
    expect(alpha.expectedDisagreement).toBeCloseTo(30 / 56, 12);
    expect(alpha.coincidences.matrix).toEqual([
      [4, 1],
      [1, 2],
    ]);
  });

  it('3 coders with missing data, nominal → 0.5', () => {
    // u1 (a,a,·): o_aa += 2;  u2 (b,b,b): o_bb += 3·2/2 = 3;  u3 (a,b,·): o_ab = o_ba += 1;  u4 (c,·,·): unpairable.
    // n = 7, n_a = 3, n_b = 4.  D_o = 2/7;  D_e = 2·3·4/(7·6) = 4/7;  α = 1 − (2/7)/(4/7) = 0.5.
    // The lone c in u4 is no pairable value: it must not appear in the matrix.
    const alpha = krippendorffAlpha(
      data([
        ['a', 'b', 'a', 'c'],
        ['a', 'b', 'b', null],
        [null, 'b', null, null],
      ]),
    );
    expect(alpha.value).toBeCloseTo(0.5, 12);
    expect(alpha.coincidences.values).toEqual(['a', 'b']);
    expect(alpha.coincidences.n).toBe(7);
    expect(alpha.coincidences.units).toBe(3);
  });

  it('interval: A = 1 2 3, B = 1 2 4 → 36/41', () => {
    // o11 = o22 = 2, o34 = o43 = 1; n = 6, n1 = n2 = 2, n3 = n4 = 1.
    // D_o = (1·1² + 1·1²)/6 = 2/6.
    // Σ_c Σ_k n_c n_k (c−k)² = 2 × [ (1,2) 4·1 + (1,3) 2·4 + (1,4) 2·9 + (2,3) 2·1 + (2,4) 2·4 + (3,4) 1·1 ] = 2 × 41 = 82;
    // D_e = 82/(6·5).  α = 1 − (2/6)/(82/30) = 1 − 10/82 = 36/41.
    const alpha = krippendorffAlpha(
      data([
        [1, 2, 3],
        [1, 2, 4],
      ]),
      'interval',
    );
    expect(alpha.value).toBeCloseTo(36 / 41, 12);
    // The same data compared as nominal categories: 3 and 4 simply differ.
    // D_o = 2/6; D_e = (36 − (4 + 4 + 1 + 1))/30 = 26/30; α = 1 − (2/6)/(26/30) = 1 − 10/26 = 8/13.
    expect(
      krippendorffAlpha(
        data([
          [1, 2, 3],
          [1, 2, 4],
        ]),
        'nominal',
      ).value,
    ).toBeCloseTo(8 / 13, 12);
  });

  it('weights count a unit as that many identical units', () => {
    const once = krippendorffAlpha([
      { values: [1, 1], weight: 3 },
      { values: [1, 0], weight: 1 },
      { values: [0, 0], weight: 2 },
    ]);
    const spelled = krippendorffAlpha(
      data([
        [1, 1, 1, 1, 0, 0],
        [1, 1, 1, 0, 0, 0],
      ]),
    );
    expect(once.value).toBeCloseTo(spelled.value as number, 12);
  });
});

describe("Krippendorff's alpha: edge cases, said plainly", () => {
  it('all coders agree and the values vary: alpha is 1', () => {
    const alpha = krippendorffAlpha(
      data([
        [1, 2, 3],
        [1, 2, 3],
      ]),
    );
    expect(alpha).toMatchObject({ value: 1, reason: null, observedDisagreement: 0 });
  });

  it('all coders agree on one single value: undefined (no variation), not 1 and not NaN', () => {
    const alpha = krippendorffAlpha(
      data([
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    expect(alpha).toMatchObject({ value: null, reason: 'no-variation', expectedDisagreement: 0 });
  });

  it('no unit has two values: undefined (no pairable values)', () => {
    const alpha = krippendorffAlpha(
      data([
        [1, null, 2],
        [null, 3, null],
      ]),
    );
    expect(alpha).toMatchObject({ value: null, reason: 'no-pairable-values', observedDisagreement: null });
  });

  it('refuses text at a numeric level, and negative values at the ratio level', () => {
    expect(() =>
      krippendorffAlpha(
        data([
          ['a', 'b'],
          ['a', 'c'],
        ]),
        'interval',
      ),
    ).toThrow(/agreement.not-numeric/);
    expect(() =>
      krippendorffAlpha(
        data([
          [-1, 2],
          [-1, 3],
        ]),
        'ratio',
      ),
    ).toThrow(/agreement.negative-ratio/);
  });
});
