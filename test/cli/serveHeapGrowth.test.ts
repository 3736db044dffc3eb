import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/store/paths.js';

const fixture = join(import.meta.dirname, 'fixtures/heapGrowth.mjs');
// The built module: the child is plain Node, which cannot load TypeScript.
const module = pathToFileURL(join(packageRoot(), 'dist', 'src', 'server', 'memory.js')).href;

/** The largest heap (MiB) a child process saw while making garbage beside a fixed live set. */
function peakHeap(mode: 'bounded' | 'default'): number {
  const out = execFileSync(process.execPath, [fixture, module, mode], {
    encoding: 'utf8',
  });
  return Number(out.trim());
}

describe('koda serve: the heap growth bound', () => {
  it('keeps the heap near its live set where V8 by default lets garbage pile up', () => {
    const bounded = peakHeap('bounded');
    const unbounded = peakHeap('default');
    expect(bounded).toBeLessThan(unbounded * 0.7);
  }, 60_000);
});
