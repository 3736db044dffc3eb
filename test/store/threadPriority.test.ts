import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/store/paths.js';
import { WORKER_NICENESS } from '../../src/store/threadPriority.js';

/** The niceness of the calling thread (field 19 of its /proc stat line). */
const NICENESS_OF_THREAD = `(() => {
  const stat = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
})()`;
const ownNiceness = (): number => {
  const stat = readFileSync('/proc/thread-self/stat', 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};

// The built module: a worker thread is plain Node, which cannot load TypeScript.
const built = pathToFileURL(join(packageRoot(), 'dist', 'src', 'store', 'threadPriority.js')).href;

describe.skipIf(process.platform !== 'linux')('worker threads yield to the event loop thread', () => {
  it('a worker that yields runs niced; the thread that started it keeps its priority', async () => {
    const before = ownNiceness();
    const worker = new Worker(
      `import(${JSON.stringify(built)}).then((m) => {
        m.yieldToEventLoopThread();
        require('node:worker_threads').parentPort.postMessage(${NICENESS_OF_THREAD});
      });`,
      { eval: true },
    );
    const niceness = await new Promise<number>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    expect(niceness).toBe(WORKER_NICENESS);
    expect(ownNiceness()).toBe(before);
  });
});
