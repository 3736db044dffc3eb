/** Plans of transcription work: what a plan is and how plans compare (`balance.ts` states the objective). */

/** An interview to transcribe: its recording's length and where it may be cut (ms, ascending, inside (0, lengthMs)). */
export interface PlanInterview {
  lengthMs: number;
  splitPointsMs: readonly number[];
}

/**
 * What one interview is given as: whole to one transcriber, or cut once at `cutMs`, the part
 * before the cut to `first` and the part after it to `second`. Transcribers are indexes into the
 * list given to `balanceTranscription`.
 */
export type PlanChoice = { kind: 'whole'; transcriber: number } | { kind: 'split'; first: number; second: number; cutMs: number };

/** The ordering key of a plan: rules 1 and 2 of `balanceTranscription`. */
export type PlanKey = [balance: number, splits: number];

export function planKey(deviationMs: number, splits: number, toleranceMs: number): PlanKey {
  return [Math.max(deviationMs, toleranceMs), splits];
}

export function compareKeys(x: PlanKey, y: PlanKey): number {
  return x[0] - y[0] || x[1] - y[1];
}

export function deviation(loads: readonly number[], targets: readonly number[]): number {
  return loads.reduce((worst, load, j) => Math.max(worst, Math.abs(load - targets[j]!)), 0);
}

/** Each transcriber's load and the plan's deviation and splits. */
export function evaluateChoices(
  interviews: readonly PlanInterview[],
  choices: readonly PlanChoice[],
  targets: readonly number[],
) {
  const loads = targets.map(() => 0);
  let splits = 0;
  choices.forEach((choice, i) => {
    if (choice.kind === 'whole') {
      loads[choice.transcriber]! += interviews[i]!.lengthMs;
    } else {
      loads[choice.first]! += choice.cutMs;
      loads[choice.second]! += interviews[i]!.lengthMs - choice.cutMs;
      splits++;
    }
  });
  return { loadsMs: loads, deviationMs: deviation(loads, targets), splitInterviews: splits };
}
