import { defined, type Figure, undefinedBecause } from './types.js';

export type CohenKappa = Figure & {
  /** Category labels, in the order of the table's rows and columns. */
  categories: string[];
  /** Contingency table: rows are the first coder's category, columns the second's. */
  table: number[][];
  /** Units both coders coded. */
  n: number;
  /** p_o: the share of units on the diagonal. */
  observedAgreement: number | null;
  /** p_e: chance agreement from the two coders' own marginals. */
  expectedAgreement: number | null;
};

/**
 * Cohen's kappa for two coders (Cohen 1960, "A coefficient of agreement for nominal scales"):
 *
 *   κ = (p_o − p_e) / (1 − p_e),   p_o = Σ_i t_ii / N,   p_e = Σ_i (t_i· / N)(t_·i / N)
 *
 * with t the k×k contingency table (rows: first coder, columns: second coder) and N its total.
 * Chance agreement uses each coder's own marginal distribution, as the standard statistic does.
 * For coding text at character level the table is 2×2 (coded, not coded) and every character
 * of the compared sources counts, coded or not: the chance term NVivo documents for its
 * coding comparison.
 *
 * Undefined (not 1) when N = 0, or when p_e = 1: both coders put every unit in one and the same
 * category, so there is no variation for agreement to be measured against.
 */
export function cohenKappa(table: number[][], categories: string[]): CohenKappa {
  const k = categories.length;
  let n = 0;
  let diagonal = 0;
  const rows = new Array<number>(k).fill(0);
  const cols = new Array<number>(k).fill(0);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const t = table[i]?.[j] ?? 0;
      n += t;
      rows[i] = (rows[i] as number) + t;
      cols[j] = (cols[j] as number) + t;
      if (i === j) diagonal += t;
    }
  }
  const base = { categories, table: table.map((r) => [...r]), n };
  if (n === 0) return { ...undefinedBecause('no-units'), ...base, observedAgreement: null, expectedAgreement: null };
  const po = diagonal / n;
  let pe = 0;
  for (let i = 0; i < k; i++) pe += ((rows[i] as number) / n) * ((cols[i] as number) / n);
  // p_e = 1 exactly when both coders used a single, shared category for every unit.
  const onlyOne = rows.filter((r) => r > 0).length === 1 && rows.every((r, i) => r === cols[i]);
  const figure = onlyOne ? undefinedBecause('no-variation') : defined((po - pe) / (1 - pe));
  return { ...figure, ...base, observedAgreement: po, expectedAgreement: pe };
}

/** Counts of a two-coder, coded/not-coded comparison. */
export interface BinaryCells {
  both: number;
  firstOnly: number;
  secondOnly: number;
  neither: number;
}

/** Cohen's kappa of a coded/not-coded comparison: the 2×2 table [[both, first only], [second only, neither]]. */
export function binaryKappa(cells: BinaryCells): CohenKappa {
  return cohenKappa(
    [
      [cells.both, cells.firstOnly],
      [cells.secondOnly, cells.neither],
    ],
    ['coded', 'not coded'],
  );
}
