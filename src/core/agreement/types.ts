/**
 * Shapes the agreement statistics share. A figure is either a number or undefined with a
 * reason, never NaN and never a stand-in 1: when the chance term leaves nothing to correct
 * (everyone gave every unit the same value), the coefficient is undefined and says so.
 */

/** Why a coefficient has no value. Each has a message `cli|agreement.undefined.<reason>`. */
export type UndefinedReason =
  /** Nothing to compare: no units (no sources, or empty ones). */
  | 'no-units'
  /** No unit got values from two or more coders (a coder who has not coded a source is missing there). */
  | 'no-pairable-values'
  /** Every pairable value is the same (e.g. nobody used the code): expected disagreement is 0. */
  | 'no-variation'
  /** Cohen's kappa compares exactly two coders. */
  | 'needs-two-coders';

export type Figure = { value: number; reason: null } | { value: null; reason: UndefinedReason };

export const defined = (value: number): Figure => ({ value, reason: null });
export const undefinedBecause = (reason: UndefinedReason): Figure => ({ value: null, reason });

/**
 * One unit of reliability data: the values the coders who coded it gave it (missing values
 * left out), and how many identical units it stands for (a run of characters coded alike is one
 * entry with its length as weight).
 */
export interface ReliabilityUnit<V> {
  values: readonly V[];
  weight: number;
}

/** How often each value occurs among `values`. */
export function valueCounts<V>(values: readonly V[]): Map<V, number> {
  const counts = new Map<V, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
