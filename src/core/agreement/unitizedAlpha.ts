import type { TextRange } from '../anchoring/range.js';
import { intersectionLength, totalLength, units as unitsOf } from './spans.js';
import { defined, type Figure, undefinedBecause } from './types.js';

/** One stretch of the continuum (a source) and each coder's spans of the code in it. */
export interface ContinuumSection {
  length: number;
  /** One list of spans per coder, in the same coder order in every section. */
  coders: readonly (readonly TextRange[])[];
}

/** A 2×2 matrix over the values [code, gap]. */
export type CodeGapMatrix = [[number, number], [number, number]];

export type UnitizedAlpha = Figure & {
  coders: number;
  /** L: length of the continuum (all sections). */
  continuum: number;
  /** l.. = m·L: pairable characters. */
  n: number;
  /** Units (after joining a coder's overlapping spans) and their Σ ℓ², over all coders. */
  units: number;
  sumSquaredUnitLengths: number;
  /** l_c· and l_∅·: characters in units and in gaps, over all coders. */
  codeLength: number;
  gapLength: number;
  /** Observed coincidences of [code, gap] × [code, gap]. */
  observed: CodeGapMatrix;
  /** Expected coincidences of [code, gap] × [code, gap]. */
  expected: CodeGapMatrix;
  /** D_o = (l_c∅ + l_∅c)/l.., D_e = (e_c∅ + e_∅c)/l.. */
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
};

/**
 * Krippendorff's unitizing alpha uα for one code, over a continuum where gaps count
 * (Krippendorff, Mathet, Bouvry & Widlöcher 2016, "On the reliability of unitizing textual
 * continua: Further developments", Quality & Quantity 50, eq. 1, 4 and 5; Krippendorff,
 * Content Analysis, 4th ed. 2019, section 12.6). Each coder partitions the continuum into
 * segments: the units they marked with the code (value c) and the gaps between them (value ∅).
 *
 * Observed coincidences: for every ordered pair of different coders i, j and every segment g of
 * i and h of j, the length of their intersection, divided by m − 1:
 *
 *   l_ck = 1/(m−1) Σ_i Σ_{j≠i} Σ_g Σ_h |s_ig ∩ s_jh| · [v_ig = c][v_jh = k],   l.. = mL
 *
 * Expected coincidences, where a unit cannot pair with itself (its ℓ² self-pairs are removed)
 * and a gap, having no structure of its own, is counted as ℓ single characters:
 *
 *   e_ck = l.. (l_c· l_·k − [c = k] Σ_{segments of value c} ℓ*) / (l..² − Σ_{all segments} ℓ*),
 *   ℓ* = ℓ² for a unit, ℓ for a gap
 *
 *   uα = 1 − (l.. − Σ_c l_cc)/(l.. − Σ_c e_cc) = 1 − l_c∅ / e_c∅   (two values: code, gap)
 *
 * Several sources are one continuum laid end to end (units never cross a source's end). A
 * coder's overlapping spans of the code are joined into one unit first; abutting ones stay two.
 * Undefined when the continuum is empty, or when every character has the same value for every
 * coder (nobody used the code, or everyone coded everything): then e_c∅ = 0.
 *
 * This is the 2016 definition, which replaced the 1995 one (Sociological Methodology 25),
 * measured on squared boundary differences and found to misbehave for more than two coders.
 */
export function unitizedAlpha(sections: readonly ContinuumSection[]): UnitizedAlpha {
  const m = sections[0]?.coders.length ?? 0;
  let continuum = 0;
  let codeLength = 0;
  let unitCount = 0;
  let squared = 0;
  let agreeCode = 0; // Σ_i Σ_{j≠i} |C_i ∩ C_j|
  let codeGap = 0; // Σ_i Σ_{j≠i} |C_i ∩ gaps_j| = Σ_i Σ_{j≠i} (|C_i| − |C_i ∩ C_j|)
  for (const section of sections) {
    continuum += section.length;
    const marked = section.coders.map((spans) => unitsOf(spans));
    const lengths = marked.map(totalLength);
    for (const u of marked) {
      unitCount += u.length;
      for (const s of u) squared += (s.end - s.start) ** 2;
    }
    codeLength += lengths.reduce((a, b) => a + b, 0);
    for (let i = 0; i < m; i++) {
      for (let j = i + 1; j < m; j++) {
        const both = intersectionLength(marked[i] as TextRange[], marked[j] as TextRange[]);
        agreeCode += 2 * both;
        codeGap += (lengths[i] as number) - both + ((lengths[j] as number) - both);
      }
    }
  }
  const n = m * continuum;
  const gapLength = n - codeLength;
  const oCC = m > 1 ? agreeCode / (m - 1) : 0;
  const oCG = m > 1 ? codeGap / (m - 1) : 0;
  const observed: CodeGapMatrix = [
    [oCC, oCG],
    [oCG, n - oCC - 2 * oCG],
  ];
  const denominator = n * n - squared - gapLength;
  const e = (x: number) => (denominator > 0 ? (n * x) / denominator : 0);
  const eCG = e(codeLength * gapLength);
  const expected: CodeGapMatrix = [
    [e(codeLength * codeLength - squared), eCG],
    [eCG, e(gapLength * gapLength - gapLength)],
  ];
  const base = {
    coders: m,
    continuum,
    n,
    units: unitCount,
    sumSquaredUnitLengths: squared,
    codeLength,
    gapLength,
    observed,
    expected,
  };
  if (m < 2 || continuum === 0)
    return {
      ...undefinedBecause(m < 2 ? 'no-pairable-values' : 'no-units'),
      ...base,
      observedDisagreement: null,
      expectedDisagreement: null,
    };
  const Do = (2 * oCG) / n;
  const De = (2 * eCG) / n;
  const figure = eCG === 0 ? undefinedBecause('no-variation') : defined(1 - oCG / eCG);
  return { ...figure, ...base, observedDisagreement: Do, expectedDisagreement: De };
}

/**
 * uα over several codes at once, each code's continuum counted separately and the
 * disagreements summed: 1 − Σ_codes l_c∅ / Σ_codes e_c∅ (the same pooling as D_o and D_e summed
 * over categories in Krippendorff 1995). Codes whose own uα is undefined for lack of variation
 * add nothing to either sum.
 */
export function pooledUnitizedAlpha(
  perCode: readonly UnitizedAlpha[],
): Figure & { observedDisagreement: number | null; expectedDisagreement: number | null } {
  const usable = perCode.filter((u) => u.n > 0 && u.coders > 1);
  if (usable.length === 0) return { ...undefinedBecause('no-units'), observedDisagreement: null, expectedDisagreement: null };
  const n = usable.reduce((sum, u) => sum + u.n, 0);
  const o = usable.reduce((sum, u) => sum + u.observed[0][1], 0);
  const e = usable.reduce((sum, u) => sum + u.expected[0][1], 0);
  const figure = e === 0 ? undefinedBecause('no-variation') : defined(1 - o / e);
  return { ...figure, observedDisagreement: (2 * o) / n, expectedDisagreement: (2 * e) / n };
}
