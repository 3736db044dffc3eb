import { sql } from 'kysely';
import { importAndKill, writeBatch } from '../batch.js';
import type { Check } from '../report.js';
import { checkStore, corrupt, withStore } from '../store.js';
import type { Suite } from '../suite.js';
import { anotherTrial, Tally } from './tally.js';

const FILES = 20;

/**
 * Kill -9 trials during a CLI import batch: after each kill the store must pass its integrity
 * check, every import acknowledged before the kill must be there, and every source there whole.
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
    // The CLI reports a batch only at its end, so an import also counts as acknowledged once a
    // second reader has seen it committed.
    tally.acknowledged += Math.max(run.acknowledged.length, run.addedAtKill);
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
    const missing = run.acknowledged.filter((name) => !stored.some((s) => s.name === name));
    const lost = Math.max(missing.length, run.addedAtKill - stored.length);
    tally.lost += lost;
    if (lost) tally.note(`${lost} acknowledged import(s) missing after the crash`);
    const broken = stored.filter((s) => files.find((f) => f.name === s.name)?.text.normalize('NFC') !== s.text);
    if (broken.length) {
      tally.corrupt++;
      tally.note(`source "${broken[0]?.name}" stored partly`);
    }
  }
  return tally.check('a CLI import batch of 20 files', 'imports (reported, or seen committed by a second reader)');
}
