import { defined, type Figure, type ReliabilityUnit, undefinedBecause, valueCounts } from './types.js';

export type PercentAgreement = Figure & {
  /** Pairs of coders (within a unit) that gave the same value. */
  agreeingPairs: number;
  /** All pairs of coders that both gave the unit a value. */
  pairs: number;
  /** Units with values from two or more coders. */
  units: number;
};

/**
 * Percent agreement as the share of agreeing coder pairs (a proportion, 0–1):
 *
 *   P = Σ_u w_u Σ_v C(n_uv, 2)  /  Σ_u w_u C(m_u, 2)
 *
 * where m_u is the number of coders who gave unit u a value, n_uv how many gave it value v and
 * C(n, 2) = n(n−1)/2. For two coders with complete data this is the familiar
 * (both coded + neither coded) / units. Units with fewer than two values are left out
 * (missing data). Not chance-corrected: read it next to kappa or alpha.
 */
export function percentAgreement<V>(units: Iterable<ReliabilityUnit<V>>): PercentAgreement {
  let agreeingPairs = 0;
  let pairs = 0;
  let compared = 0;
  for (const unit of units) {
    const m = unit.values.length;
    if (m < 2) continue;
    compared += unit.weight;
    pairs += (unit.weight * m * (m - 1)) / 2;
    for (const n of valueCounts(unit.values).values()) agreeingPairs += (unit.weight * n * (n - 1)) / 2;
  }
  const figure = pairs === 0 ? undefinedBecause('no-pairable-values') : defined(agreeingPairs / pairs);
  return { ...figure, agreeingPairs, pairs, units: compared };
}
