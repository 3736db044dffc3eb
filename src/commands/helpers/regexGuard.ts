import { Worker } from 'node:worker_threads';
import { KodaError } from '../../core/errors.js';

/** How long a user's regular expressions may run over a whole project before they are refused. */
export const REGEX_BUDGET_MS = 10_000;

// Runs in a worker: JavaScript has no time limit on a regular expression, so a pattern with
// catastrophic backtracking is tried where it can be stopped. An empty match steps past a whole
// code point: with the `u` flag a lastIndex inside a surrogate pair is moved back to its start,
// so stepping by one UTF-16 unit would find the same empty match for ever.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
workerData.patterns.forEach((pattern, i) => {
  const re = new RegExp(pattern, workerData.flags);
  for (const text of workerData.texts) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0].length === 0) re.lastIndex = m.index + (text.codePointAt(m.index) > 0xffff ? 2 : 1);
    }
  }
  parentPort.postMessage(i + 1);
});
`;

/**
 * Refuses regular expressions that do not all finish over `texts` within one budget (for
 * example `(a+)+$`), instead of letting them stall the server. Every user-supplied pattern
 * (auto-coding, pseudonym suggestions) is tried here once, in a worker thread, before it runs.
 * Patterns must already compile: the caller reports a bad one with its own message, so a worker
 * that fails is refused like one out of time.
 */
export async function assertRegexesFinish(
  patterns: readonly string[],
  flags: string,
  texts: readonly string[],
  budgetMs = REGEX_BUDGET_MS,
): Promise<void> {
  if (patterns.length === 0) return;
  const worker = new Worker(WORKER, { eval: true, workerData: { patterns, flags, texts } });
  let finished = 0;
  const allFinished = await new Promise<boolean>((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    // The budget is the patterns' time, not the worker's start on a busy machine.
    worker.once('online', () => {
      timer = setTimeout(() => resolve(false), budgetMs);
    });
    worker.on('message', (count: number) => {
      finished = count;
    });
    // The worker ends after the last pattern, or fails (out of memory): either way it has said
    // how far it got, and only all the way counts.
    worker.once('error', () => resolve(false));
    worker.once('exit', () => {
      clearTimeout(timer);
      resolve(finished === patterns.length);
    });
  });
  await worker.terminate();
  if (!allFinished) {
    const slow = patterns[finished] ?? '';
    throw new KodaError('regex.too-slow', { pattern: slow.slice(0, 80), seconds: budgetMs / 1000 });
  }
}
