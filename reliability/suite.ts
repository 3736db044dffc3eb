import type { Seed } from './seed.js';
import type { Workspace } from './workspace.js';

export interface Options {
  /** Kill -9 trials of each kind. */
  trials: number;
  /** Cues of the generated .srt of the event-loop attack. */
  cues: number;
  /** Seconds the whole run may take; checks not started by then are reported as not run. */
  budgetSeconds: number;
  /** Only these attacks (by name); all when empty. */
  only: string[];
}

/** What every attack gets: the temporary folder, the seed to copy, the options. */
export interface Suite {
  ws: Workspace;
  seed: Seed;
  options: Options;
  /** Time (Date.now()) by which the run should be over. */
  deadline: number;
}
