import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { autocode } from '../src/commands/autocode.js';
import { buildReport } from '../src/commands/buildReport.js';
import { codeCooccurrence } from '../src/commands/codeCooccurrence.js';
import { codeMatrix } from '../src/commands/codeMatrix.js';
import { undo } from '../src/commands/history.js';
import { retrieveSegments } from '../src/commands/retrieveSegments.js';
import { searchText } from '../src/commands/searchText.js';
import { syncSearchIndex } from '../src/store/searchIndex.js';
import type { BenchEnv } from './fixture.js';
import { ensureImported } from './importTranscripts.js';
import { type BenchResult, collectGarbage, loadNow, type Metric, round1, summarise, timeRuns } from './measure.js';
import { ensureCoded, settle } from './retrieveSegments.js';

const RUNS = 20;
const WARMUPS = 2;
/** The word searched and auto-coded: one of the study's codes, at a mid Zipf rank of the corpus. */
const WORD = 'möjligheter';
/** A common word for auto-coding: a frequent content word of the corpus. */
const COMMON = 'kommunen';

/**
 * Queries over the 500-transcript corpus with ~200,000 segments (coded first by the retrieval
 * benchmark when run alone): the code × case matrix, co-occurrence, retrieval, text search
 * (building the index once, then queries), auto-coding a common word (a dry-run preview and a
 * real run, then undone), and the full results draft. Search and auto-coding are compared with
 * ripgrep over the same texts as files.
 */
export async function benchQueries(env: BenchEnv): Promise<BenchResult> {
  await ensureImported(env);
  const { ctx, project, store } = env;
  const segments = await ensureCoded(env);
  const metrics: Metric[] = [{ name: 'segments in store', value: segments, unit: '' }];
  const notes: string[] = [];
  const timed = async (name: string, fn: () => Promise<unknown>, target?: number, runs = RUNS) => {
    collectGarbage();
    const { ms, last } = await timeRuns(fn, runs, Math.min(WARMUPS, runs));
    const s = summarise(ms);
    const load = loadNow();
    metrics.push(
      { name: `${name} p50`, value: s.p50, unit: 'ms', load },
      { name: `${name} p95`, value: s.p95, unit: 'ms', load, ...(target ? { target: { max: target } } : {}) },
    );
    return { summary: s, last };
  };

  // Matrices and co-occurrence.
  const p = project.name;
  const matrix = await timed('matrix code × case', () => codeMatrix(ctx, { project: p }), 200);
  const m = matrix.last as Awaited<ReturnType<typeof codeMatrix>>;
  notes.push(`matrix: ${m.rows.length} codes × ${m.columns.length} cases`);
  await timed('matrix category × case, chars', () => codeMatrix(ctx, { project: p, rows: 'categories', measure: 'chars' }), 200);
  await timed('co-occurrence (overlap)', () => codeCooccurrence(ctx, { project: p }), undefined, 5);
  const code = m.rows[0]?.name ?? '';
  const retrieved = await timed(`retrieval of code "${code}"`, () => retrieveSegments(ctx, { project: p, code }), 100);
  notes.push(`retrieval: ${(retrieved.last as unknown[]).length} segments`);

  // Search: the index is built once (as the first search would), then queried.
  collectGarbage();
  const i0 = performance.now();
  const built = await syncSearchIndex(store.db, project.id);
  const indexMs = performance.now() - i0;
  metrics.push({ name: 'search index build', value: indexMs / 1000, unit: 's', load: loadNow() });
  await settle(env);
  notes.push(`search index: ${built.indexed} sources, ${built.paragraphs} paragraphs`);
  const search = await timed(`search "${WORD}"`, () => searchText(ctx, { project: p, query: WORD }), 50);
  const s = search.last as Awaited<ReturnType<typeof searchText>>;
  notes.push(`search "${WORD}": ${s.paragraphs} paragraphs, first ${s.hits.length} lines`);
  await timed('search phrase "social hållbarhet"', () => searchText(ctx, { project: p, query: '"social hållbarhet"' }), 50);
  const rgSearch = ripgrep(['-i', '-w', '-c', WORD, env.corpusDir]);

  // Auto-coding a common word: the preview, then a real run, then undo.
  const input = { project: p, code, pattern: COMMON, kind: 'word' as const, unit: 'match' as const, limit: 0 };
  const preview = await timed(`autocode "${COMMON}" dry run`, () => autocode(ctx, { ...input, dryRun: true }), undefined, 3);
  const planned = (preview.last as Awaited<ReturnType<typeof autocode>>).segments;
  collectGarbage();
  const a0 = performance.now();
  const real = await autocode(ctx, input);
  const autocodeMs = performance.now() - a0;
  const u0 = performance.now();
  await undo(ctx, { project: p });
  const undoMs = performance.now() - u0;
  metrics.push(
    { name: `autocode "${COMMON}" real run`, value: autocodeMs, unit: 'ms' },
    { name: 'undo of that auto-coding', value: undoMs, unit: 'ms' },
  );
  notes.push(
    `autocode "${COMMON}": ${planned} segments previewed, ${real.created} written in ${round1(autocodeMs / 1000)} s, undone`,
  );
  const rgAutocode = ripgrep(['-i', '-w', '-c', COMMON, env.corpusDir]);

  // The full results draft.
  for (const format of ['docx', 'md'] as const) {
    collectGarbage();
    const r0 = performance.now();
    const report = await buildReport(ctx, { project: p, format });
    const ms = performance.now() - r0;
    metrics.push({
      name: `report ${format} (all quotes, figures)`,
      value: ms / 1000,
      unit: 's',
      load: loadNow(),
      target: { max: 10 },
    });
    notes.push(
      `report ${format}: ${report.counts.quotes} quotes, ${report.counts.figures} figures, ${round1(report.bytes.length / 1024 / 1024)} MB`,
    );
  }

  if (rgSearch && rgAutocode) {
    metrics.push(
      { name: `rg -w "${WORD}" over the corpus files`, value: rgSearch.ms, unit: 'ms' },
      { name: 'search p50 / rg', value: search.summary.p50 / rgSearch.ms, unit: '×' },
      { name: `rg -w "${COMMON}" over the corpus files`, value: rgAutocode.ms, unit: 'ms' },
      { name: 'autocode dry run p50 / rg', value: preview.summary.p50 / rgAutocode.ms, unit: '×' },
    );
    notes.push(
      `rg: "${WORD}" in ${rgSearch.lines} files' counts; "${COMMON}" likewise (rg finds exact words, Koda stems and places every hit)`,
    );
  } else {
    notes.push('rg (ripgrep) not found: no comparison');
  }
  return { name: 'queries', metrics, notes };
}

/** Median wall time of ripgrep over 5 runs (after one to warm the page cache), or null without rg. */
function ripgrep(args: string[]): { ms: number; lines: number } | null {
  const first = spawnSync('rg', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (first.error || first.status === 2) return null;
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync('rg', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    ms.push(performance.now() - t0);
  }
  return { ms: summarise(ms).p50, lines: first.stdout.split('\n').filter(Boolean).length };
}
