import { performance } from 'node:perf_hooks';
import { buildReport } from '../src/commands/buildReport.js';
import { createProject } from '../src/commands/createProject.js';
import type { CommandContext } from '../src/commands/helpers/context.js';
import { importSource } from '../src/commands/importSource.js';
import { openStore } from '../src/store/db.js';
import { generateTranscript } from './corpus.js';

/**
 * The "under load" of the peers bench (issue 17 row 1): a second process on the same store that,
 * until it is stopped, builds the results draft of REPORT_PROJECT and imports a 12,000-word
 * transcript into a project of its own, in turns. One JSON line per finished step on stdout
 * ({"ready":true} first), so the bench can say what ran beside its measurements.
 * Usage: node dist/bench/loadChild.js DATA_DIR REPORT_PROJECT [DATABASE_URL]
 */
const IMPORT_PROJECT = 'Peers load';

const [dataDir, reportProject, database] = process.argv.slice(2) as [string, string, string | undefined];
const store = await openStore(dataDir, database ? { database } : {});
const ctx: CommandContext = { store, actor: 'bench' };
await createProject(ctx, { name: IMPORT_PROJECT, language: 'sv' });
let stopping = false;
process.once('SIGTERM', () => {
  stopping = true;
});
console.log(JSON.stringify({ ready: true }));
for (let round = 1; !stopping; round++) {
  await step('report', () => buildReport(ctx, { project: reportProject }));
  if (stopping) break;
  const bytes = new TextEncoder().encode(generateTranscript(round, { words: 12_000 }));
  await step('import', () => importSource(ctx, { project: IMPORT_PROJECT, fileName: `intervju-${round}.txt`, bytes }));
}
await store.close();

async function step(name: string, run: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await run();
  console.log(JSON.stringify({ step: name, ms: Math.round(performance.now() - t0) }));
}
