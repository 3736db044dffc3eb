import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { BackgroundWorker } from '../../src/commands/helpers/worker.js';

/** The thread a job ran on. */
const threadOf = async (worker: BackgroundWorker<null, number>) => {
  const reply = await worker.run(null);
  if (!('ok' in reply)) throw new Error('the worker crashed');
  return reply.ok;
};

describe('BackgroundWorker', () => {
  it('keeps its thread while jobs come, and ends it after the idle time (a new one serves the next job)', async () => {
    const worker = new BackgroundWorker<null, number>('../../../test/commands/fixtures/threadWorker.mjs', 200);
    const first = await threadOf(worker);
    expect(await threadOf(worker)).toBe(first);
    await sleep(600);
    const next = await threadOf(worker);
    expect(next).not.toBe(first);
    expect(await threadOf(worker)).toBe(next);
  });

  it('started ahead with warm(), runs the next job on the thread already loaded, and ends it when no job comes', async () => {
    const worker = new BackgroundWorker<null, number>('../../../test/commands/fixtures/loadedWorker.mjs', 2_000);
    const loadedAt = async () => {
      const reply = await worker.run(null);
      if (!('ok' in reply)) throw new Error('the worker crashed');
      return reply.ok;
    };
    worker.warm();
    worker.warm();
    // Time enough for a thread to load, even on a busy machine; less than the idle time.
    await sleep(1_000);
    const asked = Date.now();
    const warmed = await loadedAt();
    expect(warmed).toBeLessThan(asked);
    worker.warm();
    await sleep(2_500);
    const afterIdle = Date.now();
    expect(await loadedAt()).toBeGreaterThanOrEqual(afterIdle);
  });
});
