import { invalid } from '../errors.js';
import { defined, type Figure, type ReliabilityUnit, undefinedBecause, valueCounts } from './types.js';

/** Levels of measurement, each with its difference function δ². */
export type Level = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export const LEVELS: readonly Level[] = ['nominal', 'ordinal', 'interval', 'ratio'];

export interface Coincidences<V> {
  /** The values that occur, sorted (numbers ascending, text by code point). */
  values: V[];
  /** o_ck: rows and columns follow `values`. Symmetric. */
  matrix: number[][];
  /** n_c = Σ_k o_ck. */
  marginals: number[];
  /** n = Σ_c n_c: the number of pairable values. */
  n: number;
  /** Units (weighted) with values from two or more coders. */
  units: number;
}

/**
 * The coincidence matrix of reliability data (Krippendorff 2011, "Computing Krippendorff's
 * Alpha-Reliability", section C): every unit u with m_u ≥ 2 values contributes each ordered pair
 * of its values, from different coders, with weight 1/(m_u − 1):
 *
 *   o_ck = Σ_u  (number of c–k pairs in u) / (m_u − 1)
 *
 * so each pairable value counts once in total. Units with fewer than two values (missing
 * data) contribute nothing.
 */
export function coincidences<V extends string | number>(units: Iterable<ReliabilityUnit<V>>): Coincidences<V> {
  const cells = new Map<V, Map<V, number>>();
  let pairable = 0;
  for (const unit of units) {
    const m = unit.values.length;
    if (m < 2) continue;
    pairable += unit.weight;
    const counts = valueCounts(unit.values);
    for (const [c, nc] of counts) {
      let row = cells.get(c);
      if (!row) {
        row = new Map();
        cells.set(c, row);
      }
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs > 0) row.set(k, (row.get(k) ?? 0) + (unit.weight * pairs) / (m - 1));
      }
    }
  }
  const values = [...cells.keys()].sort(compareValues);
  const matrix = values.map((c) => values.map((k) => cells.get(c)?.get(k) ?? 0));
  const marginals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  return { values, matrix, marginals, n: marginals.reduce((a, b) => a + b, 0), units: pairable };
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * δ²_ck for each level (Krippendorff 2011, section E), by value index into `values` (sorted):
 * - nominal: 0 if c = k, else 1;
 * - ordinal: (Σ_{g=c..k} n_g − (n_c + n_k)/2)², the ranks' distance measured in pairable values;
 * - interval: (c − k)²;
 * - ratio: ((c − k)/(c + k))².
 */
export function differenceFunction<V extends string | number>(
  level: Level,
  c: Coincidences<V>,
): (i: number, j: number) => number {
  if (level === 'nominal') return (i, j) => (i === j ? 0 : 1);
  const numbers = c.values.map((v) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid('agreement.not-numeric', { value: String(v), level });
    if (level === 'ratio' && v < 0) throw invalid('agreement.negative-ratio', { value: v });
    return v;
  });
  if (level === 'interval') return (i, j) => ((numbers[i] as number) - (numbers[j] as number)) ** 2;
  if (level === 'ratio') {
    return (i, j) => {
      const a = numbers[i] as number;
      const b = numbers[j] as number;
      return a + b === 0 ? 0 : ((a - b) / (a + b)) ** 2;
    };
  }
  // ordinal: cumulative marginals make each Σ_{g=c..k} n_g one subtraction.
  const cumulative = [0];
  for (const n of c.marginals) cumulative.push((cumulative.at(-1) as number) + n);
  return (i, j) => {
    const lo = Math.min(i, j);
    const hi = Math.max(i, j);
    const between = (cumulative[hi + 1] as number) - (cumulative[lo] as number);
    return (between - ((c.marginals[lo] as number) + (c.marginals[hi] as number)) / 2) ** 2;
  };
}

export type KrippendorffAlpha<V> = Figure & {
  level: Level;
  coincidences: Coincidences<V>;
  /** e_ck = n_c (n_k − [c = k]) / (n − 1): the coincidences chance alone would give. */
  expected: number[][];
  /** D_o = (1/n) Σ_c Σ_k o_ck δ²_ck. */
  observedDisagreement: number | null;
  /** D_e = 1/(n(n−1)) Σ_c Σ_k n_c n_k δ²_ck. */
  expectedDisagreement: number | null;
};

/**
 * Krippendorff's alpha for any number of coders, with missing data, at any level of
 * measurement (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"; Content
 * Analysis, 4th ed. 2019, ch. 12):
 *
 *   α = 1 − D_o / D_e
 *
 * with D_o and D_e computed from the coincidence matrix as above. Undefined (with the reason)
 * when no unit has two values (n = 0), or when D_e = 0: every pairable value is the same, so
 * chance would agree as well as the coders did.
 */
export function krippendorffAlpha<V extends string | number>(
  units: Iterable<ReliabilityUnit<V>>,
  level: Level = 'nominal',
): KrippendorffAlpha<V> {
  const c = coincidences(units);
  const { n, marginals, matrix } = c;
  const expected = marginals.map((nc, i) => marginals.map((nk, j) => (n > 1 ? (nc * (nk - (i === j ? 1 : 0))) / (n - 1) : 0)));
  const base = { level, coincidences: c, expected };
  if (n === 0)
    return { ...undefinedBecause('no-pairable-values'), ...base, observedDisagreement: null, expectedDisagreement: null };
  const delta = differenceFunction(level, c);
  let observed = 0;
  let chance = 0;
  for (let i = 0; i < c.values.length; i++) {
    for (let j = 0; j < c.values.length; j++) {
      const d = delta(i, j);
      if (d === 0) continue;
      observed += (matrix[i]?.[j] as number) * d;
      chance += (marginals[i] as number) * (marginals[j] as number) * d;
    }
  }
  const Do = observed / n;
  const De = n > 1 ? chance / (n * (n - 1)) : 0;
  const figure = De === 0 ? undefinedBecause('no-variation') : defined(1 - Do / De);
  return { ...figure, ...base, observedDisagreement: Do, expectedDisagreement: De };
}
