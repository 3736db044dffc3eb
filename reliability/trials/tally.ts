import { type Check, notRun, verdict } from '../report.js';

/** Counts of one kind of kill -9 trial. */
export class Tally {
  trials = 0;
  /** Trials where the kill came while the work was still going on. */
  midway = 0;
  acknowledged = 0;
  lost = 0;
  corrupt = 0;
  /** The first problem seen, for the report line. */
  firstProblem = '';

  note(problem: string) {
    if (!this.firstProblem) this.firstProblem = problem;
  }

  /** `held` when no acknowledged write was lost and no store was corrupt. */
  check(what: string, unit: string): Check {
    if (this.trials === 0) return notRun(`kill -9 during ${what}: no trial ran within the time budget`);
    return verdict(
      this.lost === 0 && this.corrupt === 0,
      `kill -9 during ${what}: ${this.trials} trials (${this.midway} killed mid-way), ${this.acknowledged} acknowledged ${unit}, ` +
        `${this.lost} lost, ${this.corrupt} corrupt stores${this.firstProblem ? ` — e.g. ${this.firstProblem}` : ''}`,
    );
  }
}

/** Whether another trial fits: under the count, before the kind's deadline and the run's. */
export const anotherTrial = (tally: Tally, trials: number, deadline: number) => tally.trials < trials && Date.now() < deadline;
