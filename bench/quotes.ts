import { addCode } from '../src/commands/addCode.js';
import { applyCoding } from '../src/commands/applyCoding.js';
import { createProject } from '../src/commands/createProject.js';
import { exportQuotes } from '../src/commands/exportQuotes.js';
import { exportTranscript } from '../src/commands/exportTranscript.js';
import { importSource } from '../src/commands/importSource.js';
import { anchorColumns, anchorRange } from '../src/core/anchoring/anchor.js';
import { CodePointIndex, codePointRange } from '../src/core/text/codePoints.js';
import { newId, nowIso } from '../src/store/ids.js';
import type { SegmentRow } from '../src/store/schema.js';
import { createRng, generateTranscript } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, collectGarbage, loadNow, log, type Metric, summarise, timeRuns } from './measure.js';
import { settle } from './retrieveSegments.js';

const PROJECT = 'Quotes bench';
const LENGTH = 1_000_000;
const SEGMENTS = 10_000;
const RUNS = 10;
const WARMUPS = 2;

/**
 * Quotes out (issue 16 item 6, issue 17's targets): one transcript of 1,000,000 characters with
 * 10,000 segments of one code; the code's quote list as csv (≤ 150 ms), xlsx (≤ 300 ms) and docx,
 * and the source's coded transcript as HTML (≤ 300 ms) and docx. Each is the whole command: read,
 * lay out, write the file, audit. A project of its own, so it runs alone or after the others.
 */
export async function benchQuotes(env: BenchEnv): Promise<BenchResult> {
  const { ctx } = env;
  const project = (await createProject(ctx, { name: PROJECT, language: 'sv' })).id;
  let text = '';
  for (let seed = env.options.seed; [...text].length < LENGTH; seed++) text += generateTranscript(seed, { words: 40_000 });
  text = [...text].slice(0, LENGTH).join('');
  const source = (await importSource(ctx, { project, fileName: 'lang-intervju.txt', bytes: new TextEncoder().encode(text) })).id;
  await addCode(ctx, { project, name: 'hinder' });
  const first = await applyCoding(ctx, { project, source, code: 'hinder', start: 0, end: 5 });
  const seed = await ctx.store.db.selectFrom('segments').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
  const turns = (
    await ctx.store.db
      .selectFrom('turns')
      .select(['id', 'start_offset as start', 'end_offset as end'])
      .where('source_id', '=', source)
      .orderBy('start_offset')
      .execute()
  ).map((t) => ({ id: t.id, ...codePointRange({ start: t.start, end: t.end }) }));
  const index = new CodePointIndex(text);
  const rng = createRng(env.options.seed ^ 0x9e3779b9);
  const rows: SegmentRow[] = [];
  const taken = new Set<number>([0]);
  while (rows.length < SEGMENTS - 1) {
    const start = rng.int(0, LENGTH - 400);
    if (taken.has(start)) continue;
    taken.add(start);
    const range = codePointRange({ start, end: start + rng.int(20, 400) });
    const at = nowIso();
    rows.push({
      ...seed,
      id: newId(),
      ...anchorColumns(anchorRange(index, range, turns)),
      start_offset: range.start,
      end_offset: range.end,
      created_at: at,
      updated_at: at,
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await ctx.store.db
      .insertInto('segments')
      .values(rows.slice(i, i + 500))
      .execute();
  log(`quotes: ${[...text].length} characters, ${turns.length} turns, ${rows.length + 1} segments of one code`);
  await settle(env);

  const metrics: Metric[] = [];
  const time = async (name: string, run: () => Promise<{ bytes: Uint8Array }>, target?: number) => {
    collectGarbage();
    const { ms, last } = await timeRuns(run, RUNS, WARMUPS);
    const s = summarise(ms);
    const load = loadNow();
    metrics.push(
      { name: `${name} p50 (n=${s.runs})`, value: s.p50, unit: 'ms', load },
      { name: `${name} p95`, value: s.p95, unit: 'ms', load, ...(target ? { target: { max: target } } : {}) },
      { name: `${name} size`, value: last.bytes.length / 1024 / 1024, unit: 'MB' },
    );
  };
  // A text format's file is written as it is read (streamed by the server): take its bytes inside
  // the timed run, so every row times the whole file.
  const whole = (r: { bytes: Uint8Array }) => ({ bytes: r.bytes });
  await time('quote list csv', () => exportQuotes(ctx, { project, code: 'hinder', format: 'csv' }).then(whole), 150);
  await time('quote list xlsx', () => exportQuotes(ctx, { project, code: 'hinder', format: 'xlsx' }).then(whole), 300);
  await time('quote list docx', () => exportQuotes(ctx, { project, code: 'hinder', format: 'docx' }).then(whole));
  await time('coded transcript html', () => exportTranscript(ctx, { project, source, format: 'html' }).then(whole), 300);
  await time('coded transcript docx', () => exportTranscript(ctx, { project, source, format: 'docx' }).then(whole));
  return {
    name: 'quotes',
    metrics,
    notes: ['timed: the whole command (read, lay out, write the file, audit); 1,000,000 characters, 10,000 segments of one code'],
  };
}
