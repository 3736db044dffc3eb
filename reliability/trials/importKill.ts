import { sql } from 'kysely';
import { importAndKill, writeBatch } from '../batch.js';
import type { Check } from '../report.js';
import { checkStore, corrupt, withStore } from '../store.js';
import type { Suite } from '../suite.js';
import { anotherTrial, Tally } from './tally.js';

const FILES = 20;

/**
 * Kill -9 trials during a CLI import batch: after each kill the store must pass its integrity
 * check, every source the CLI reported imported must be there, and every source there must be whole.
 */
export async function importKillTrials(suite: Suite, deadline: number): Promise<Check> {
  const files = await writeBatch(await suite.ws.folder('kill-import-files'), 'trial', FILES, 30_000, 700);
  const tally = new Tally();
  while (anotherTrial(tally, suite.options.trials, deadline)) {
    const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'kill-import');
    // Kill points spread over the batch: after 1, 8, 15, 3, … sources.
    const run = await importAndKill(dataDir, files, 1 + ((tally.trials * 7) % (FILES - 1)));
    tally.trials++;
    if (run.killed) tally.midway++;
    tally.acknowledged += run.acknowledged.length;
    const health = await checkStore(dataDir);
    if (corrupt(health)) {
      tally.corrupt++;
      tally.note(`integrity ${health.integrity}, ${health.danglingRows} dangling rows`);
      continue;
    }
    const stored = await withStore(
      dataDir,
      async (store) =>
        (await sql<{ name: string; text: string }>`SELECT name, text FROM sources WHERE name LIKE 'trial-%'`.execute(store.db))
          .rows,
    );
    const lost = run.acknowledged.filter((name) => !stored.some((s) => s.name === name));
    tally.lost += lost.length;
    if (lost.length) tally.note(`acknowledged "${lost[0]}" missing`);
    const broken = stored.filter((s) => files.find((f) => f.name === s.name)?.text.normalize('NFC') !== s.text);
    if (broken.length) {
      tally.corrupt++;
      tally.note(`source "${broken[0]?.name}" stored partly`);
    }
  }
  return tally.check('a CLI import batch of 20 files', 'imports');
}
