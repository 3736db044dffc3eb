import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { BackgroundWorker } from '../../src/commands/helpers/worker.js';
import { importSource } from '../../src/commands/importSource.js';
import { searchText } from '../../src/commands/searchText.js';
import { openStore } from '../../src/store/db.js';
import { INDEX_APART_LENGTH } from '../../src/store/searchIndex.js';
import { onPostgres } from '../engine.js';
import { tempContext, utf8 } from '../helpers.js';

/**
 * Texts adding up to INDEX_APART_LENGTH code points or more are indexed by a worker thread with a
 * connection of its own (indexOffThread.ts), on both engines; less on the caller's. Both are
 * found alike, on a plaintext and (SQLite) an encrypted store.
 */
const PARAGRAPH = 'Albin: vi pratar om möjligheterna i Ekbacken och om hindren där.';

/** A transcript over the threshold: `n` paragraphs, each with one "möjligheterna". */
function longTranscript(): { text: string; paragraphs: number } {
  const paragraphs = Math.ceil(INDEX_APART_LENGTH / (PARAGRAPH.length + 2)) + 10;
  return { text: Array(paragraphs).fill(PARAGRAPH).join('\n\n'), paragraphs };
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const c of cleanups.splice(0)) await c();
});

/** Searches the project (bringing its index up to date first): what was found, and the source ids each job to the index worker held. */
async function search(ctx: CommandContext) {
  const run = vi.spyOn(BackgroundWorker.prototype, 'run');
  const found = await searchText(ctx, { project: 'Omega', query: 'möjlighet', limit: 10 });
  const jobs = run.mock.calls.flatMap(([request]) => {
    const sources = (request as { sources?: { id: string }[] }).sources;
    return sources ? [sources.map((s) => s.id)] : [];
  });
  run.mockRestore();
  return { found, jobs };
}

async function searchBoth(ctx: CommandContext) {
  const long = longTranscript();
  await createProject(ctx, { name: 'Omega' });
  await importSource(ctx, { project: 'Omega', fileName: 'kort.txt', bytes: utf8(`I: Hej\n\n${PARAGRAPH}`) });
  const small = await search(ctx);
  const sourceIds = [(await importSource(ctx, { project: 'Omega', fileName: 'lang.txt', bytes: utf8(long.text) })).id];
  sourceIds.push((await importSource(ctx, { project: 'Omega', fileName: 'kort2.txt', bytes: utf8(PARAGRAPH) })).id);
  return { small, ...(await search(ctx)), long, sourceIds };
}

describe('a long source indexed on a worker thread', () => {
  it('indexes a little text inline and much on the worker, in batches, and both are found', async () => {
    const env = await tempContext();
    cleanups.push(env.cleanup);
    const { small, found, long, jobs, sourceIds } = await searchBoth(env.ctx);
    expect(small.jobs).toEqual([]);
    expect(small.found.paragraphs).toBe(1);
    // The long text fills a batch of its own; the short one after it is the next.
    expect(jobs).toEqual(sourceIds.map((id) => [id]));
    expect(found.paragraphs).toBe(long.paragraphs + 2);
  });

  it.skipIf(onPostgres)('opens an encrypted store with its key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koda-index-'));
    const store = await openStore(dir, { passphrase: 'en lång lösenfras' });
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    const { found, long, jobs } = await searchBoth({ store, actor: 'tester' });
    expect(jobs).toHaveLength(2);
    expect(found.paragraphs).toBe(long.paragraphs + 2);
  });
});
