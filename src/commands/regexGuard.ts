import { Worker } from 'node:worker_threads';
import { KodaError } from '../core/errors.js';

/** How long a user's regular expression may run over a whole project before it is refused. */
export const REGEX_BUDGET_MS = 10_000;

// Runs in a worker: JavaScript has no time limit on a regular expression, so a pattern with
// catastrophic backtracking is tried where it can be stopped.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const re = new RegExp(workerData.pattern, workerData.flags);
for (const text of workerData.texts) {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex = m.index + 1;
  }
}
parentPort.postMessage('done');
`;

/**
 * Refuses a regular expression that does not finish over `texts` within the budget (for
 * example `(a+)+$`), instead of letting it stall the server. Runs it once in a worker thread.
 */
export async function assertRegexFinishes(pattern: string, flags: string, texts: string[], budgetMs = REGEX_BUDGET_MS) {
  const worker = new Worker(WORKER, { eval: true, workerData: { pattern, flags, texts } });
  const finished = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), budgetMs);
    worker.once('message', () => {
      clearTimeout(timer);
      resolve(true);
    });
    worker.once('error', () => {
      clearTimeout(timer);
      resolve(true); // a bad pattern is reported by the compiler, with its own message
    });
  });
  await worker.terminate();
  if (!finished) throw new KodaError('autocode.regex-too-slow', { pattern: pattern.slice(0, 80), seconds: budgetMs / 1000 });
}
