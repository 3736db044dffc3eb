import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BackgroundWorker } from '../../src/commands/helpers/worker.js';

/** A job's answer: the thread it ran on (threadWorker), or when that thread loaded (loadedWorker). */
const answerOf = async (worker: BackgroundWorker<null, number>) => {
  const reply = await worker.run(null);
  if (!('ok' in reply)) throw new Error('the worker crashed');
  return reply.ok;
};

describe('BackgroundWorker', () => {
  it('keeps its thread while jobs come, and ends it after the idle time (a new one serves the next job)', async () => {
    const worker = new BackgroundWorker<null, number>('../../../test/commands/fixtures/threadWorker.mjs', 200);
    const first = await answerOf(worker);
    expect(await answerOf(worker)).toBe(first);
    await sleep(600);
    const next = await answerOf(worker);
    expect(next).not.toBe(first);
    expect(await answerOf(worker)).toBe(next);
  });

  it('started ahead with warm(), runs the next job on the thread already loaded, and ends it when no job comes', async () => {
    const worker = new BackgroundWorker<null, number>('../../../test/commands/fixtures/loadedWorker.mjs', 2_000);
    worker.warm();
    worker.warm();
    // Time enough for a thread to load, even on a busy machine; less than the idle time.
    await sleep(1_000);
    const asked = Date.now();
    const warmed = await answerOf(worker);
    expect(warmed).toBeLessThan(asked);
    worker.warm();
    await sleep(2_500);
    const afterIdle = Date.now();
    expect(await answerOf(worker)).toBeGreaterThanOrEqual(afterIdle);
  });
});
