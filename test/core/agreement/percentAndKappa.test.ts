import { describe, expect, it } from 'vitest';
import { binaryKappa, cohenKappa } from '../../../src/core/agreement/cohenKappa.js';
import { percentAgreement } from '../../../src/core/agreement/percent.js';

describe('percent agreement', () => {
  it('2 coders: (both + neither) / units', () => {
    // 3 both, 1 first only, 2 second only, 4 neither: agreeing pairs 3 + 4 = 7 of 10 units (one pair each) → 0.7.
    const p = percentAgreement([
      { values: [1, 1], weight: 3 },
      { values: [1, 0], weight: 1 },
      { values: [0, 1], weight: 2 },
      { values: [0, 0], weight: 4 },
    ]);
    expect(p).toMatchObject({ value: 0.7, agreeingPairs: 7, pairs: 10, units: 10 });
  });

  it('3 coders with missing values: agreeing pairs over all pairs, lone values left out', () => {
    // (a,a,a): 3 pairs, 3 agree; (a,b): 1 pair, 0 agree; (a): no pair; (a,a,b): 3 pairs, 1 agrees → 4/7.
    const p = percentAgreement([
      { values: ['a', 'a', 'a'], weight: 1 },
      { values: ['a', 'b'], weight: 1 },
      { values: ['a'], weight: 1 },
      { values: ['a', 'a', 'b'], weight: 1 },
    ]);
    expect(p.value).toBeCloseTo(4 / 7, 12);
    expect(p).toMatchObject({ agreeingPairs: 4, pairs: 7, units: 3 });
  });

  it('is undefined when no unit has two values', () => {
    expect(percentAgreement([{ values: ['a'], weight: 5 }])).toMatchObject({ value: null, reason: 'no-pairable-values' });
  });
});

describe("Cohen's kappa", () => {
  it('2×2 worked by hand: both 3, first only 1, second only 2, neither 4 → 0.4', () => {
    // N = 10, p_o = (3 + 4)/10 = 0.7. First coder coded 4 (0.4), second coded 5 (0.5).
    // p_e = 0.4·0.5 + 0.6·0.5 = 0.5.  κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
    const k = binaryKappa({ both: 3, firstOnly: 1, secondOnly: 2, neither: 4 });
    expect(k.value).toBeCloseTo(0.4, 12);
    expect(k).toMatchObject({
      n: 10,
      observedAgreement: 0.7,
      table: [
        [3, 1],
        [2, 4],
      ],
      categories: ['coded', 'not coded'],
    });
    expect(k.expectedAgreement).toBeCloseTo(0.5, 12);
  });

  it('3 categories worked by hand → 0.4025/0.6525', () => {
    // N = 20, diagonal 5 + 6 + 4 = 15 → p_o = 0.75. Rows 6, 9, 5; columns 7, 8, 5.
    // p_e = (6·7 + 9·8 + 5·5)/400 = 139/400 = 0.3475.  κ = (0.75 − 0.3475)/(1 − 0.3475) = 0.4025/0.6525.
    const k = cohenKappa(
      [
        [5, 1, 0],
        [2, 6, 1],
        [0, 1, 4],
      ],
      ['a', 'b', 'c'],
    );
    expect(k.value).toBeCloseTo(0.4025 / 0.6525, 12);
    expect(k.expectedAgreement).toBeCloseTo(0.3475, 12);
  });

  it('the characters a code was applied to: chance from both coders’ marginals over coded and uncoded characters', () => {
    // 1000 characters: both coded 80, only A 20, only B 40, neither 860.
    // p_o = 940/1000 = 0.94; A coded 100 (0.1), B coded 120 (0.12).
    // p_e = 0.1·0.12 + 0.9·0.88 = 0.012 + 0.792 = 0.804.  κ = (0.94 − 0.804)/(1 − 0.804) = 0.136/0.196.
    const k = binaryKappa({ both: 80, firstOnly: 20, secondOnly: 40, neither: 860 });
    expect(k.value).toBeCloseTo(0.136 / 0.196, 12);
  });

  it('all agree, with both categories used: 1', () => {
    // p_o = 1, p_e = 0.4² + 0.6² = 0.52 → κ = 0.48/0.48 = 1.
    expect(binaryKappa({ both: 4, firstOnly: 0, secondOnly: 0, neither: 6 }).value).toBe(1);
  });

  it('one coder coded nothing: 0, not undefined (the other coder varied)', () => {
    // A codes nothing; B codes 3 of 10. p_o = 0.7; p_e = 0·0.3 + 1·0.7 = 0.7 → κ = 0.
    expect(binaryKappa({ both: 0, firstOnly: 0, secondOnly: 3, neither: 7 }).value).toBeCloseTo(0, 12);
  });

  it('nobody coded anything (a code nobody used): undefined, no variation — not NVivo’s 1', () => {
    expect(binaryKappa({ both: 0, firstOnly: 0, secondOnly: 0, neither: 50 })).toMatchObject({
      value: null,
      reason: 'no-variation',
      observedAgreement: 1,
    });
  });

  it('no units: undefined', () => {
    expect(binaryKappa({ both: 0, firstOnly: 0, secondOnly: 0, neither: 0 })).toMatchObject({ value: null, reason: 'no-units' });
  });
});
