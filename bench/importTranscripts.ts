import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { addCase } from '../src/commands/addCase.js';
import { deleteSource } from '../src/commands/deleteSource.js';
import { importSource } from '../src/commands/importSource.js';
import { writeCorpus } from './corpus.js';
import { type BenchEnv, captureStatements, databaseBytes, explain, type ImportedSource, openReader } from './fixture.js';
import { type BenchResult, collectGarbage, log, percentile, round1, summarise } from './measure.js';

const MB = 1024 * 1024;

/**
 * Imports the generated transcripts through `importSource`, one file at a time as
 * `koda source import` does (read the file, one command, one transaction each). Each transcript
 * is one participant, so a case is added for it first (untimed) and the import links to it.
 */
export async function importTranscripts(env: BenchEnv): Promise<BenchResult> {
  const { options, ctx, project } = env;
  const t0 = performance.now();
  const corpus = await writeCorpus(env.corpusDir, options.transcripts, options.seed, { words: options.words });
  const generateMs = performance.now() - t0;
  log(`corpus: ${corpus.files.length} files, ${round1(corpus.bytes / MB)} MB in ${round1(generateMs / 1000)} s`);

  const caseNames = corpus.files.map((f, i) => `IP${String(i + 1).padStart(4, '0')} ${f.participant}`);
  const c0 = performance.now();
  for (const name of caseNames) await addCase(ctx, { project: project.name, name });
  const addCaseMs = (performance.now() - c0) / caseNames.length;
  collectGarbage();

  const perImport: number[] = [];
  const imported: ImportedSource[] = [];
  let turns = 0;
  const start = performance.now();
  for (const [i, file] of corpus.files.entries()) {
    const s = performance.now();
    const bytes = await readFile(file.path);
    const caseName = caseNames[i] as string;
    const r = await importSource(ctx, { project: project.name, fileName: file.path, bytes, case: caseName });
    perImport.push(performance.now() - s);
    imported.push({ id: r.id, name: r.name, caseName });
    turns += r.turns;
    if ((i + 1) % 100 === 0) log(`imported ${i + 1}/${corpus.files.length}`);
  }
  const totalMs = performance.now() - start;
  env.imported = imported;
  collectGarbage();

  // Diagnosis, untimed: the SQL one more import runs and where it reads whole tables; then it goes.
  const bytes = await readFile(corpus.files[0]?.path as string);
  let extra: { id: string } | undefined;
  const captured = await captureStatements(async () => {
    extra = await importSource(ctx, { project: project.name, fileName: 'probe.txt', bytes });
  }, env.store.db);
  await deleteSource(ctx, { project: project.name, source: (extra as { id: string }).id });
  const reader = await openReader(env);
  const plans = await explain(reader, captured);
  await reader.close();
  const scans = plans.filter((p) => p.scans.length > 0);

  const n = corpus.files.length;
  const tenth = Math.max(1, Math.floor(n / 10));
  const per = summarise(perImport);
  const dbBytes = await databaseBytes(env);
  return {
    name: 'import',
    metrics: [
      { name: 'transcripts/s', value: n / (totalMs / 1000), unit: '/s', target: { min: 20 } },
      { name: 'total', value: totalMs / 1000, unit: 's' },
      { name: 'throughput', value: corpus.bytes / MB / (totalMs / 1000), unit: 'MB/s' },
      { name: 'per import p50', value: per.p50, unit: 'ms' },
      { name: 'per import p95', value: per.p95, unit: 'ms' },
      { name: 'per import max', value: per.max, unit: 'ms' },
      { name: `p50 first ${tenth}`, value: percentile(perImport.slice(0, tenth), 50), unit: 'ms' },
      { name: `p50 last ${tenth}`, value: percentile(perImport.slice(-tenth), 50), unit: 'ms' },
      { name: 'addCase (setup) mean', value: addCaseMs, unit: 'ms' },
      { name: 'database file', value: dbBytes.db / MB, unit: 'MB' },
      { name: 'WAL file', value: dbBytes.wal / MB, unit: 'MB' },
    ],
    notes: [
      `${n} transcripts, ${round1(corpus.bytes / MB)} MB, ${options.words} words each, ${round1(turns / n)} turns each`,
      ...scans.map((p) => `full scan in import: ${p.scans.join('; ')} ← ${p.sql.slice(0, 120)}`),
    ],
    extra: { corpusBytes: corpus.bytes, generateMs, turns, plans },
  };
}

/** The corpus in the store, for benchmarks that need it: imports it unless already done. */
export async function ensureImported(env: BenchEnv): Promise<ImportedSource[]> {
  if (!env.imported) {
    log('importing the corpus first (setup)');
    await importTranscripts(env);
  }
  return env.imported as ImportedSource[];
}
