import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchAgreement } from './agreement.js';
import { benchBrowser } from './browser.js';
import { benchCodingQuery } from './codingQuery.js';
import { benchDelivery } from './delivery.js';
import { benchEditTranscript } from './editTranscript.js';
import { benchEventLoop } from './eventLoop.js';
import { type BenchEnv, type BenchOptions, createEnv, disposeEnv } from './fixture.js';
import { importTranscripts } from './importTranscripts.js';
import { benchLayout } from './layout.js';
import { type BenchResult, BenchUsageError, collectGarbage, loadNow, type Metric, round1 } from './measure.js';
import { benchPeers } from './peers.js';
import { benchPlayback } from './playback.js';
import { benchQueries } from './queries.js';
import { benchQuotes } from './quotes.js';
import { benchRetrieveSegments } from './retrieveSegments.js';
import { benchSuggest } from './suggest.js';
import { benchUploadMemory } from './uploadMemory.js';

/**
 * `npm run bench`: runs the benchmarks in order on one temporary store and prints a table, each
 * row with the machine's load average when it was measured.
 *   --engine E           sqlite (default) or postgres: a fresh database on the server named by
 *                        KODA_BENCH_DATABASE_URL (an administrator's URL), dropped afterwards
 *   --only NAMES         some benchmarks, comma-separated (import,retrieval,queries); the ones they
 *                        need run as setup
 *   --transcripts N      transcripts to generate and import (500)
 *   --segments N         coded segments for retrieval (200000)
 *   --words N            words per transcript (12000)
 *   --seed N             corpus seed (1)
 *   --keep               keep the temporary data folder and print where it is
 * Results also go to bench/out/results.json.
 */
const BENCHMARKS: { name: string; run: (env: BenchEnv) => Promise<BenchResult> }[] = [
  { name: 'import', run: importTranscripts },
  { name: 'retrieval', run: benchRetrieveSegments },
  { name: 'agreement', run: benchAgreement },
  { name: 'queries', run: benchQueries },
  { name: 'codingquery', run: benchCodingQuery },
  { name: 'layout', run: benchLayout },
  { name: 'eventloop', run: benchEventLoop },
  { name: 'browser', run: benchBrowser },
  { name: 'playback', run: benchPlayback },
  { name: 'edit', run: benchEditTranscript },
  { name: 'upload', run: benchUploadMemory },
  { name: 'delivery', run: benchDelivery },
  { name: 'suggest', run: benchSuggest },
  { name: 'quotes', run: benchQuotes },
  { name: 'peers', run: benchPeers },
];

const ENGINES = ['sqlite', 'postgres'] as const;

function parseOptions(): { options: BenchOptions; only: string[] | undefined; keep: boolean } {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'sqlite' },
      only: { type: 'string' },
      transcripts: { type: 'string', default: '500' },
      segments: { type: 'string', default: '200000' },
      words: { type: 'string', default: '12000' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
    },
  });
  const int = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) throw new BenchUsageError(`--${name} expects a positive integer, got ${v}`);
    return n;
  };
  const only = values.only?.split(',').map((name) => name.trim());
  if (only?.some((name) => !BENCHMARKS.some((b) => b.name === name))) {
    throw new BenchUsageError(`--only expects some of ${BENCHMARKS.map((b) => b.name).join(', ')}, comma-separated`);
  }
  const engine = ENGINES.find((e) => e === values.engine);
  if (!engine) throw new BenchUsageError(`--engine expects ${ENGINES.join(' or ')}, got ${values.engine}`);
  return {
    only,
    keep: values.keep ?? false,
    options: {
      engine,
      transcripts: int('transcripts', values.transcripts),
      segments: int('segments', values.segments),
      words: int('words', values.words),
      seed: int('seed', values.seed),
    },
  };
}

function verdict(m: Metric): string {
  if (!m.target) return '';
  const ok = (m.target.min === undefined || m.value >= m.target.min) && (m.target.max === undefined || m.value <= m.target.max);
  const goal = m.target.min !== undefined ? `≥ ${m.target.min}` : `≤ ${m.target.max}`;
  return `${ok ? 'ok  ' : 'MISS'} (target ${goal})`;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : round1(value).toFixed(1);
}

function printTable(results: BenchResult[]): void {
  const rows = results.flatMap((r) =>
    r.metrics.map((m) => [r.name, m.name, format(m.value), m.unit, (m.load ?? 0).toFixed(1), verdict(m)]),
  );
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => (r[i] as string).length), 4));
  const right = new Set([2, 4]);
  const line = (r: string[]) =>
    r.map((c, i) => (right.has(i) ? c.padStart(widths[i] as number) : i < 5 ? c.padEnd(widths[i] as number) : c)).join('  ');
  console.log(line(['bench', 'metric', 'value', 'unit', 'load', 'target']));
  for (const r of rows) console.log(line(r));
  for (const r of results) for (const n of r.notes) console.log(`[${r.name}] ${n}`);
}

async function main(): Promise<void> {
  const { options, only, keep } = parseOptions();
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round1(totalmem() / 1024 ** 3),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    gc: typeof (globalThis as { gc?: unknown }).gc === 'function',
  };
  console.log(
    `machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGb} GB, node ${machine.node}, ${machine.platform}${machine.gc ? '' : ' (no --expose-gc)'}`,
  );
  console.log(`options: ${JSON.stringify(options)}${only ? ` only=${only.join(',')}` : ''}`);

  const started = performance.now();
  const env = await createEnv(options);
  console.log(`engine: ${options.engine} (${env.store.location})`);
  const results: BenchResult[] = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await disposeEnv(env, keep);
    if (keep) console.error(`data kept in ${env.dataDir}`);
  };
  process.once('SIGINT', () => {
    void cleanup().finally(() => process.exit(130));
  });
  try {
    for (const bench of BENCHMARKS) {
      if (only && !only.includes(bench.name)) continue;
      console.error(`▶ ${bench.name}`);
      collectGarbage();
      const t0 = performance.now();
      const result = await bench.run(env);
      console.error(`  done in ${round1((performance.now() - t0) / 1000)} s`);
      // Rows a benchmark did not stamp as it measured them get the load at its end.
      const load = loadNow();
      for (const m of result.metrics) m.load ??= load;
      results.push(result);
    }
  } finally {
    await cleanup();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  console.log();
  printTable(results);
  console.log(`\nwall time ${round1(wallSeconds)} s`);

  const outDir = fileURLToPath(new URL('../../bench/out/', import.meta.url));
  await mkdir(outDir, { recursive: true });
  const file = `${outDir}results.json`;
  const json = { at: new Date().toISOString(), machine, options, only: only ?? null, wallSeconds, results };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`results: ${file}`);
}

main().catch((e) => {
  console.error(e instanceof BenchUsageError ? e.message : e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
