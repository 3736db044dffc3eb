import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importSource } from '../../src/commands/importSource.js';
import { openStore } from '../../src/store/db.js';
import { rowCounts } from '../helpers.js';
import { koda } from './run.js';

/** A batch import is resumable: each file is one transaction, and a rerun skips files already in. */

let dir: string;
let data: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-batch-'));
  data = join(dir, 'data');
  expect((await koda(data, ['project', 'create', 'Studie'])).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `count` transcripts with distinct texts of about `chars` characters each; their paths. */
function transcripts(count: number, chars = 200): string[] {
  return Array.from({ length: count }, (_, i) => {
    const file = join(dir, `intervju-${String(i + 1).padStart(2, '0')}.txt`);
    const turn = `I: Fråga ${i}?\n\nP${i}: Svar nummer ${i} om trygghet och hinder.\n\n`;
    writeFileSync(file, turn.repeat(Math.ceil(chars / turn.length)));
    return file;
  });
}

const sourceNames = async () =>
  ((await koda(data, ['source', 'list', '--project', 'Studie', '--json'])).json() as { name: string }[])
    .map((s) => s.name)
    .sort();

describe('koda source import of a batch', () => {
  it('run again, adds nothing and says which files it skipped; a new file in the batch is imported', async () => {
    const files = transcripts(3);
    expect((await koda(data, ['source', 'import', '--project', 'Studie', ...files])).code).toBe(0);
    const [extra] = transcripts(4).slice(3);
    const again = await koda(data, ['source', 'import', '--project', 'Studie', ...files, extra as string]);
    expect(again.code).toBe(0);
    expect(again.stdout.split('\n').filter(Boolean)).toEqual([
      ...files.map((f, i) => `Skipped ${f}: its text is already in the project as "intervju-0${i + 1}".`),
      expect.stringMatching(/^Imported "intervju-04": \d+ characters, \d+ turns\.$/),
    ]);
    expect(await sourceNames()).toEqual(['intervju-01', 'intervju-02', 'intervju-03', 'intervju-04']);

    const json = (await koda(data, ['source', 'import', '--project', 'Studie', '--json', files[0] as string])).json();
    expect(json).toMatchObject([{ file: files[0], name: 'intervju-01', skipped: true }]);
  });

  it('a skipped file writes no source, turn or history entry (the command, by the same text under another name)', async () => {
    const store = await openStore(data);
    try {
      const ctx = { store, actor: 'anna' };
      const bytes = new TextEncoder().encode('I: Hur?\n\nP: Så här.\n');
      await importSource(ctx, { project: 'Studie', fileName: 'a.txt', bytes });
      const before = await rowCounts(store);
      const again = await importSource(ctx, { project: 'Studie', fileName: 'b.md', bytes, ifDuplicate: 'skip' });
      expect(again).toMatchObject({ name: 'a', skipped: true, warnings: [] });
      expect(await rowCounts(store)).toEqual(before);
    } finally {
      await store.close();
    }
  });

  it('with --keep-duplicates imports identical text again as a numbered copy, with a warning', async () => {
    const [file] = transcripts(1);
    await koda(data, ['source', 'import', '--project', 'Studie', file as string]);
    const copy = await koda(data, ['source', 'import', '--project', 'Studie', '--keep-duplicates', file as string]);
    expect(copy.stderr).toContain('the same text is already in the project as "intervju-01"');
    expect(await sourceNames()).toEqual(['intervju-01', 'intervju-01 (2)']);
  });

  it('killed mid-batch (kill -9) and run again, ends with each file exactly once', async () => {
    const files = transcripts(20, 100_000);
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, '../../bin/koda.js'), 'source', 'import', '--project', 'Studie', ...files],
      { env: { ...process.env, KODA_DATA: data, KODA_CODER: 'anna', KODA_LANG: 'en' }, stdio: 'ignore' },
    );
    const exited = once(child, 'exit');
    const store = await openStore(data);
    const imported = async () =>
      Number(
        (
          await store.db
            .selectFrom('sources')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    try {
      while ((await imported()) < 3 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
      child.kill('SIGKILL');
      await exited;
      const before = await imported();
      // Killed part-way: some files in, not all.
      expect(child.signalCode).toBe('SIGKILL');
      expect(before).toBeGreaterThanOrEqual(3);
      expect(before).toBeLessThan(20);

      const rerun = await koda(data, ['source', 'import', '--project', 'Studie', ...files]);
      expect(rerun.code).toBe(0);
      expect(rerun.stdout.match(/^Skipped /gm)).toHaveLength(before);
      expect(rerun.stdout.match(/^Imported /gm)).toHaveLength(20 - before);
    } finally {
      await store.close();
    }
    expect(await sourceNames()).toEqual(files.map((_, i) => `intervju-${String(i + 1).padStart(2, '0')}`));
  }, 120_000);

  it('two batch imports at once (two processes writing to one store) both finish', async () => {
    const files = transcripts(20, 50_000);
    const batch = (part: string[]) => {
      const child = spawn(
        process.execPath,
        [join(import.meta.dirname, '../../bin/koda.js'), 'source', 'import', '--project', 'Studie', ...part],
        { env: { ...process.env, KODA_DATA: data, KODA_CODER: 'anna', KODA_LANG: 'en' }, stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += String(chunk);
      });
      return once(child, 'exit').then(([code]) => ({ code, stderr }));
    };
    const results = await Promise.all([batch(files.slice(0, 10)), batch(files.slice(10))]);
    expect(results).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    expect(await sourceNames()).toEqual(files.map((_, i) => `intervju-${String(i + 1).padStart(2, '0')}`));
  }, 120_000);
});
