import { KodaError } from '../errors.js';
import { deviation, evaluateChoices, type PlanChoice, type PlanInterview, type PlanKey, planKey } from './plan.js';
import { firstAtLeast, PlanSearch } from './search.js';

export interface BalancedPlan {
  /** One choice per interview, in the order given. */
  choices: PlanChoice[];
  /** Each transcriber's minutes in ms, and their share of the total (ms, not rounded). */
  loadsMs: number[];
  targetsMs: number[];
  /** The largest |load − target| over the transcribers. */
  deviationMs: number;
  splitInterviews: number;
}

/** Beyond this many search steps (some ten seconds) a plan is refused rather than answered late or inexactly. */
export const SEARCH_BUDGET = 20_000_000;

/**
 * Splits the transcription of interviews between transcribers, exactly optimal for this
 * objective (issue 15; the thesis split eight interviews "by minutes", 3.5 and 4.5 each).
 *
 * A plan gives each interview whole to one transcriber, or cuts it once at one of its split
 * points (a turn boundary, or a whole second) into two parts for two different transcribers. With
 * `target_j = total × share_j / Σ shares` and `D = max_j |load_j − target_j|`, plans are ordered by
 *
 *   1. `max(D, toleranceMs)`, smallest first: deviations up to the tolerance count as equally
 *      balanced, so no interview is cut to save seconds nobody notices;
 *   2. the number of split interviews, fewest first;
 *   3. the first in this order: interviews longest first (equal lengths in the given order), and
 *      for each a whole interview before a split, a lower transcriber index first (a split by its
 *      first part's transcriber, then its second's), then the earlier cut.
 *
 * and the first plan is returned. The problem holds PARTITION, so no fast exact algorithm is
 * known: this is a depth-first branch and bound in exactly the order of rule 3, so the first plan
 * it finds with the best key is the answer. It starts from a wrap-around plan (McNaughton's:
 * the interviews laid end to end, cut at the targets) as a bound; prunes a branch whose lower
 * bound (loads only grow; the interviews left add at most their total) cannot beat the best plan
 * so far; tries only the cuts that keep both parts' transcribers within reach of their targets;
 * and gives a transcriber with the same share as an earlier one who has nothing yet nothing
 * either (a plan and its relabelling are equally good, and the relabelled one comes first). It
 * refuses (`plan.too-large`) rather than answer late after `budget` steps. Test:
 * test/core/planning/balance.test.ts compares it with exhaustive search.
 */
export function balanceTranscription(
  interviews: readonly PlanInterview[],
  shares: readonly number[],
  toleranceMs: number,
  budget = SEARCH_BUDGET,
): BalancedPlan {
  const total = interviews.reduce((sum, iv) => sum + iv.lengthMs, 0);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const targets = shares.map((s) => (total * s) / shareSum);
  const order = interviews.map((_, i) => i).sort((a, b) => interviews[b]!.lengthMs - interviews[a]!.lengthMs || a - b);
  const search = new PlanSearch(
    order.map((i) => interviews[i]!),
    shares,
    targets,
    toleranceMs,
    wrapAroundKey(interviews, order, targets, toleranceMs),
  );
  const path = search.run(
    budget,
    () => new KodaError('plan.too-large', { interviews: interviews.length, transcribers: shares.length }),
  );
  const choices = new Array<PlanChoice>(interviews.length);
  order.forEach((interview, depth) => {
    choices[interview] = path[depth]!;
  });
  return { choices, ...evaluateChoices(interviews, choices, targets), targetsMs: targets };
}

/**
 * The key of the wrap-around plan: the interviews in the search's order laid end to end and cut
 * at the running targets, at the nearest split point, each interview cut once at most.
 */
function wrapAroundKey(
  interviews: readonly PlanInterview[],
  order: readonly number[],
  targets: readonly number[],
  toleranceMs: number,
): PlanKey {
  const loads = targets.map(() => 0);
  let j = 0;
  let splits = 0;
  for (const i of order) {
    const { lengthMs, splitPointsMs } = interviews[i]!;
    const room = targets[j]! - loads[j]!;
    if (lengthMs <= room || j === targets.length - 1) {
      loads[j]! += lengthMs;
      continue;
    }
    const cut = nearest(splitPointsMs, room);
    if (cut === undefined) {
      loads[room > lengthMs / 2 ? j : j + 1]! += lengthMs;
    } else {
      loads[j]! += cut;
      loads[j + 1]! += lengthMs - cut;
      splits++;
    }
    j++;
  }
  return planKey(deviation(loads, targets), splits, toleranceMs);
}

function nearest(points: readonly number[], value: number): number | undefined {
  const i = firstAtLeast(points, value);
  const candidates = [points[i - 1], points[i]].filter((p) => p !== undefined);
  return candidates.sort((a, b) => Math.abs(a - value) - Math.abs(b - value))[0];
}
