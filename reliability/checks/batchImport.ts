import { sql } from 'kysely';
import { importAndKill, writeBatch } from '../batch.js';
import { runKoda } from '../processes.js';
import { type Check, verdict } from '../report.js';
import { PROJECT } from '../seed.js';
import { withStore } from '../store.js';
import type { Suite } from '../suite.js';

const FILES = 20;

/**
 * Attack 9: a batch import killed half-way and run again must end with each file imported
 * exactly once: no file lost, no "(2)" copies.
 */
export async function batchImport(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'batch');
  const files = await writeBatch(await suite.ws.folder('batch-files'), 'batch', FILES, 60_000, 300);
  const first = await importAndKill(dataDir, files, FILES / 2);
  const rerun = await runKoda(dataDir, ['source', 'import', '--project', PROJECT, ...files.map((f) => f.path)], 300_000);
  const names = await withStore(dataDir, async (store) =>
    (await sql<{ name: string }>`SELECT name FROM sources WHERE name LIKE 'batch-%'`.execute(store.db)).rows.map((r) => r.name),
  );
  const once = files.filter((f) => names.filter((n) => n === f.name).length === 1).length;
  const copies = names.filter((n) => / \(\d+\)$/.test(n)).length;
  return [
    verdict(
      once === FILES && copies === 0 && names.length === FILES,
      `batch import of ${FILES} killed ${first.killed ? `after ${first.addedAtKill}` : '(it had finished)'}, run again ` +
        `(exit ${rerun.code}): ${once} of ${FILES} files exactly once, ${copies} "(2)" copies`,
    ),
  ];
}
