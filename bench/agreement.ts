import { performance } from 'node:perf_hooks';
import { addCode } from '../src/commands/addCode.js';
import { computeAgreement } from '../src/commands/computeAgreement.js';
import { newId, nowIso } from '../src/store/ids.js';
import type { SegmentRow } from '../src/store/schema.js';
import { createRng } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { ensureImported } from './importTranscripts.js';
import { type BenchResult, collectGarbage, log, round1, summarise, timeRuns } from './measure.js';

const CODES = 10;
const PER_SOURCE = 40;
const RUNS = 5;
const WARMUPS = 1;

/**
 * Agreement between two coders over the whole corpus (500 transcripts by default) at character
 * level: `computeAgreement` as `koda agreement --coders a,b` runs it (load the two layers, one
 * sweep per code and source, every statistic with its inputs). Setup, untimed: 10 codes and two
 * coders' layers written straight into the store, 40 spans per transcript for the first coder
 * (50–800 characters) and for the second a copy of most of them with their ends moved by up to
 * 30 characters, some under another code, some left out, plus a few of their own.
 */
export async function benchAgreement(env: BenchEnv): Promise<BenchResult> {
  const { ctx, project } = env;
  const { coders, segments: rows, sources, characters } = await ensureTwoLayers(env);
  log(`agreement: ${rows} segments of 2 coders over ${sources} transcripts, ${round1(characters / 1e6)} M characters`);
  collectGarbage();

  const run = () => computeAgreement(ctx, { project: project.name, coders, unit: 'char' });
  const { ms, last } = await timeRuns(run, RUNS, WARMUPS);
  const char = summarise(ms);
  collectGarbage();
  const t0 = performance.now();
  const sentences = await computeAgreement(ctx, { project: project.name, coders, unit: 'sentence' });
  const sentenceMs = performance.now() - t0;
  const fmt = (v: number | null) => (v === null ? 'undefined' : v.toFixed(3));
  return {
    name: 'agreement',
    metrics: [
      { name: 'char level, 2 coders p50', value: char.p50, unit: 'ms' },
      { name: 'char level, 2 coders max', value: char.max, unit: 'ms' },
      { name: 'sentence level, 2 coders', value: sentenceMs, unit: 'ms' },
      { name: 'segments compared', value: rows, unit: '' },
      { name: 'characters compared', value: characters / 1e6, unit: 'M' },
    ],
    notes: [
      `${sources} transcripts, ${rows} segments, ${CODES} codes: char-level agreement (percent, kappa, alpha, uα per code and overall) in ${round1(char.p50)} ms (p50 of ${RUNS})`,
      `overall at char level: kappa ${fmt(last.overall.kappa.value)}, alpha ${fmt(last.overall.alpha.value)}, uα ${fmt(last.overall.unitizedAlpha.value)}; at sentence level: kappa ${fmt(sentences.overall.kappa.value)}, ${sentences.overall.units} sentences × codes`,
    ],
  };
}

export interface TwoLayers {
  coders: string[];
  segments: number;
  sources: number;
  characters: number;
}

/**
 * The two coders' layers the agreement is computed on, written once per store (the event-loop
 * benchmark reuses them).
 */
export async function ensureTwoLayers(env: BenchEnv): Promise<TwoLayers> {
  const sources = await ensureImported(env);
  const { ctx, project, store } = env;
  const lengths = await store.db
    .selectFrom('sources')
    .select(['id', 'text_length'])
    .where('project_id', '=', project.id)
    .execute();
  const lengthOf = new Map(lengths.map((s) => [s.id, s.text_length]));
  const characters = sources.reduce((sum, s) => sum + (lengthOf.get(s.id) ?? 0), 0);
  const coders = ['kodare-a', 'kodare-b'];
  const made = await store.db
    .selectFrom('segments as s')
    .innerJoin('coders as c', 'c.id', 's.coder_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.project_id', '=', project.id)
    .where('c.name', 'in', coders)
    .executeTakeFirstOrThrow();
  if (Number(made.n) > 0) return { coders, segments: Number(made.n), sources: sources.length, characters };
  const codeIds: string[] = [];
  for (let i = 0; i < CODES; i++) codeIds.push((await addCode(ctx, { project: project.name, name: `överens ${i + 1}` })).id);
  const coderIds = coders.map(() => newId());
  await store.db
    .insertInto('coders')
    .values(
      coders.map((name, i) => ({ id: coderIds[i] as string, project_id: project.id, name, kind: 'coder', created_at: nowIso() })),
    )
    .execute();

  const rng = createRng(env.options.seed + 7);
  const at = nowIso();
  const rows: SegmentRow[] = [];
  const row = (sourceId: string, code: string, coder: string, start: number, end: number): SegmentRow => ({
    id: newId(),
    project_id: project.id,
    source_id: sourceId,
    code_id: code,
    coder_id: coder,
    start_offset: start,
    end_offset: end,
    turn_id: null,
    memo: '',
    exact: '',
    prefix: '',
    suffix: '',
    created_at: at,
    updated_at: at,
  });
  for (const s of sources) {
    const length = lengthOf.get(s.id) ?? 0;
    if (length < 1000) continue;
    const clamp = (x: number) => Math.max(0, Math.min(length, x));
    for (let k = 0; k < PER_SOURCE; k++) {
      const start = rng.int(0, length - 900);
      const end = start + rng.int(50, 800);
      const code = rng.pick(codeIds);
      rows.push(row(s.id, code, coderIds[0] as string, start, end));
      const fate = rng();
      if (fate < 0.75) {
        const b0 = clamp(start + rng.int(-30, 30));
        const b1 = clamp(end + rng.int(-30, 30));
        if (b1 > b0) rows.push(row(s.id, fate < 0.65 ? code : rng.pick(codeIds), coderIds[1] as string, b0, b1));
      }
    }
    for (let k = 0; k < PER_SOURCE / 8; k++) {
      const start = rng.int(0, length - 900);
      rows.push(row(s.id, rng.pick(codeIds), coderIds[1] as string, start, start + rng.int(50, 800)));
    }
  }
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('segments')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  return { coders, segments: rows.length, sources: sources.length, characters };
}
