/** One line of the suite's output: an attack that held, did not hold, or could not be run. */
export interface Check {
  status: 'held' | 'not held' | 'not run';
  text: string;
}

export const held = (text: string): Check => ({ status: 'held', text });
export const notHeld = (text: string): Check => ({ status: 'not held', text });
export const notRun = (text: string): Check => ({ status: 'not run', text });
/** `held` when `ok`, else `NOT HELD`, with the same measured detail either way. */
export const verdict = (ok: boolean, text: string): Check => (ok ? held(text) : notHeld(text));

const LABEL: Record<Check['status'], string> = { held: 'held', 'not held': 'NOT HELD', 'not run': 'NOT RUN' };

/** Prints each check as it comes (a long run shows progress) and sums them up at the end. */
export class Report {
  readonly checks: Check[] = [];

  constructor(private readonly write: (line: string) => void) {}

  add(...checks: Check[]) {
    for (const check of checks) {
      this.checks.push(check);
      this.write(`${LABEL[check.status].padEnd(10)}${check.text}`);
    }
  }

  section(title: string) {
    this.write(`\n## ${title}`);
  }

  /** `N held, M not held[, K not run]`; the suite fails unless every check held. */
  summary(): { line: string; ok: boolean } {
    const count = (s: Check['status']) => this.checks.filter((c) => c.status === s).length;
    const notRunCount = count('not run');
    const line = `${count('held')} held, ${count('not held')} not held${notRunCount ? `, ${notRunCount} not run` : ''}`;
    return { line, ok: count('held') === this.checks.length };
  }
}
