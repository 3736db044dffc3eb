import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import { type CompiledQuery, sql } from 'kysely';
import { addCode } from '../src/commands/addCode.js';
import { applyCoding } from '../src/commands/applyCoding.js';
import { HISTORY_LIMIT } from '../src/commands/helpers/context.js';
import { retrieveSegments } from '../src/commands/retrieveSegments.js';
import { anchorColumns, anchorRange } from '../src/core/anchoring/anchor.js';
import type { TurnSpan } from '../src/core/anchoring/turnHolding.js';
import { CodePointIndex, codePointRange } from '../src/core/text/codePoints.js';
import type { CodePointRange } from '../src/core/text/offsetUnits.js';
import { serializeChanges } from '../src/store/changes.js';
import { newId, nowIso } from '../src/store/ids.js';
import type { AuditEventRow, HistoryEntryRow, SegmentRow } from '../src/store/schema.js';
import { createRng, type Rng } from './corpus.js';
import {
  type BenchEnv,
  captureStatements,
  databaseBytes,
  type ExplainedQuery,
  explain,
  openReader,
  runRaw,
  type StatementTiming,
  timeStatements,
} from './fixture.js';
import { ensureImported } from './importTranscripts.js';
import {
  type BenchResult,
  collectGarbage,
  loadNow,
  log,
  type Metric,
  percentile,
  round1,
  summarise,
  timeRuns,
} from './measure.js';

/** The codebook: 5 categories of 10 codes each (names unique, so a bare name finds one code). */
const CODEBOOK: Record<string, string[]> = {
  Strategier: [
    'plan',
    'områdesteam',
    'mötesplats',
    'insats',
    'samordning',
    'uppsökande arbete',
    'föräldrastöd',
    'skolsamarbete',
    'fritidsverksamhet',
    'trygghetsvandring',
  ],
  Möjligheter: [
    'samverkan',
    'engagemang',
    'förtroende',
    'lokalkännedom',
    'nätverk',
    'flexibilitet',
    'kompetens',
    'delaktighet',
    'långsiktighet',
    'kontinuitet',
  ],
  Hinder: [
    'media',
    'resursbrist',
    'tidsbrist',
    'personalomsättning',
    'byråkrati',
    'sekretess',
    'otydliga roller',
    'kortsiktighet',
    'misstro',
    'språkbarriärer',
  ],
  Styrdokument: [
    'policy',
    'handlingsplan',
    'budgetdirektiv',
    'riktlinjer',
    'lagstiftning',
    'uppdragsbeskrivning',
    'överenskommelser',
    'mål och mått',
    'rapportering',
    'avtal',
  ],
  Finansiering: [
    'projektmedel',
    'statsbidrag',
    'fonder',
    'omfördelning',
    'externa medel',
    'prioriteringar',
    'budgetram',
    'sponsring',
    'tillfälliga medel',
    'driftsmedel',
  ],
};

/** Segments coded through the real `applyCoding`, each timed. */
const APPLY_SAMPLE = 2_000;
const BATCH = 1_000;
const RUNS = 20;
const WARMUPS = 2;

interface SourceData {
  id: string;
  name: string;
  text: string;
  length: number;
  index: CodePointIndex;
  turns: TurnSpan[];
}

interface Code {
  id: string;
  name: string;
}

/**
 * A coded span as a coder would mark it: inside one speaker turn, from a word's start to a
 * word's end, 3–60 words (short spans more likely). In code points.
 */
function pickSpan(rng: Rng, src: SourceData): CodePointRange | null {
  const { text, index } = src;
  for (let attempt = 0; attempt < 20; attempt++) {
    const turn = src.turns.length > 0 ? rng.pick(src.turns) : { start: 0, end: src.length };
    const u0 = index.toUtf16(turn.start);
    const u1 = index.toUtf16(turn.end);
    if (u1 - u0 < 20) continue;
    const space = text.indexOf(' ', u0 + Math.floor(rng() * (u1 - u0)));
    if (space === -1 || space >= u1 - 1) continue;
    let s = space + 1;
    while (s < u1 && /\s/.test(text.charAt(s))) s++;
    let e = s;
    const words = 3 + Math.floor(rng() ** 2 * 57);
    for (let w = 0; w < words && e < u1; w++) {
      const next = text.indexOf(' ', e + 1);
      e = next === -1 || next > u1 ? u1 : next;
    }
    while (e > s && /\s/.test(text.charAt(e - 1))) e--;
    if (e <= s) continue;
    return { start: index.toCodePoint(s), end: index.toCodePoint(e) };
  }
  return null;
}

/**
 * The row applyCoding writes for `range`: exact, prefix and suffix cut by code points (as
 * SQLite's substr does), the turn holding the start, an empty memo.
 */
function segmentRow(
  src: SourceData,
  range: CodePointRange,
  codeId: string,
  coderId: string,
  projectId: string,
  at: string,
): SegmentRow {
  return {
    id: newId(),
    project_id: projectId,
    source_id: src.id,
    code_id: codeId,
    coder_id: coderId,
    start_offset: range.start,
    end_offset: range.end,
    memo: '',
    ...anchorColumns(anchorRange(src.index, range, src.turns)),
    created_at: at,
    updated_at: at,
  };
}

/**
 * Codes ~`options.segments` segments and times retrieval by code, by category and by source.
 * Needs the imported corpus (imports it first when run alone).
 */
export async function benchRetrieveSegments(env: BenchEnv): Promise<BenchResult> {
  const imported = await ensureImported(env);
  const { ctx, project, options, store } = env;
  const db = store.db;
  const rng = createRng(options.seed ^ 0x51ed2705);
  const notes: string[] = [];

  // Codebook through the real command.
  const c0 = performance.now();
  const leaves: Code[] = [];
  for (const [category, codes] of Object.entries(CODEBOOK)) {
    await addCode(ctx, { project: project.name, name: category });
    for (const name of codes) {
      const r = await addCode(ctx, { project: project.name, name, parent: category });
      leaves.push({ id: r.id, name });
    }
  }
  const addCodeMs = (performance.now() - c0) / (leaves.length + Object.keys(CODEBOOK).length);

  // Every source's text and turns, kept in memory to cut spans and quotes.
  const sources: SourceData[] = [];
  for (const s of imported) {
    const row = await db
      .selectFrom('sources')
      .select(['id', 'name', 'text', 'text_length'])
      .where('id', '=', s.id)
      .executeTakeFirstOrThrow();
    const turns = await db
      .selectFrom('turns')
      .select(['id', 'start_offset', 'end_offset'])
      .where('source_id', '=', s.id)
      .orderBy('start_offset')
      .execute();
    sources.push({
      id: row.id,
      name: row.name,
      text: row.text,
      length: row.text_length,
      index: new CodePointIndex(row.text),
      turns: turns.map((t) => ({ id: t.id, ...codePointRange({ start: t.start_offset, end: t.end_offset }) })),
    });
  }

  // Codes are dealt round-robin over all segments (bulk, probe, sample), so each code gets
  // total/50 and each category total/5. Spans are unique per (source, code), as the schema requires.
  const sample = Math.min(APPLY_SAMPLE, Math.max(0, options.segments - 1));
  const bulkCount = Math.max(0, options.segments - sample - 1);
  const taken = new Set<string>();
  let dealt = 0;
  const nextSegment = (src: SourceData): { range: CodePointRange; code: Code } => {
    const code = leaves[dealt++ % leaves.length] as Code;
    for (;;) {
      const range = pickSpan(rng, src);
      if (!range) throw new Error(`no span found in ${src.name}`);
      const key = `${src.id}|${code.id}|${range.start}|${range.end}`;
      if (taken.has(key)) continue;
      taken.add(key);
      return { range, code };
    }
  };

  // Bulk path. It exists to reach 200,000 segments in seconds rather than the ~minutes that
  // 200,000 separate applyCoding transactions (each fsynced) would take; the per-command
  // latency is measured separately below, on the same store. Rows are written exactly as
  // applyCoding writes them (segment, history entry, audit event) inside one transaction, so
  // the store afterwards looks like one that was coded by hand: every segment has its audit
  // event, and only the newest HISTORY_LIMIT have a history entry, as applyCoding's trimming
  // leaves it (more would have the first timed apply delete them all, and on PostgreSQL leave
  // that many dead rows for every later apply to step over until a vacuum).
  collectGarbage();
  const b0 = performance.now();
  const coderId = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('coders')
      .values({ id: coderId, project_id: project.id, name: ctx.actor, created_at: nowIso() })
      .execute();
    const last = await trx
      .selectFrom('history_entries')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('project_id', '=', project.id)
      .executeTakeFirst();
    let seq = Number(last?.seq ?? 0);
    let written = 0;
    let segments: SegmentRow[] = [];
    let history: HistoryEntryRow[] = [];
    let audit: AuditEventRow[] = [];
    const flush = async () => {
      if (segments.length === 0) return;
      await trx.insertInto('segments').values(segments).execute();
      if (history.length > 0) await trx.insertInto('history_entries').values(history).execute();
      await trx.insertInto('audit_events').values(audit).execute();
      segments = [];
      history = [];
      audit = [];
    };
    for (let i = 0; i < sources.length; i++) {
      const src = sources[i] as SourceData;
      const count = Math.floor(bulkCount / sources.length) + (i < bulkCount % sources.length ? 1 : 0);
      for (let j = 0; j < count; j++) {
        const { range, code } = nextSegment(src);
        const at = nowIso();
        const row = segmentRow(src, range, code.id, coderId, project.id, at);
        segments.push(row);
        if (++written > bulkCount - HISTORY_LIMIT)
          history.push({
            id: newId(),
            project_id: project.id,
            seq: ++seq,
            action: 'segment.apply',
            changes: serializeChanges([{ op: 'insert', table: 'segments', id: row.id }]),
            state: 'done',
            actor: ctx.actor,
            created_at: at,
          });
        audit.push({
          id: newId(),
          project_id: project.id,
          at,
          actor: ctx.actor,
          action: 'segment.apply',
          object_ids: JSON.stringify([row.id, src.id, code.id]),
          details: '{}',
        });
        if (segments.length >= BATCH) await flush();
      }
    }
    await flush();
  });
  const bulkMs = performance.now() - b0;
  log(`bulk: ${bulkCount} segments in ${round1(bulkMs / 1000)} s`);
  await settle(env);
  collectGarbage();

  const reader = await openReader(env);
  const plans: Record<string, ExplainedQuery[]> = {};
  const statements: Record<string, StatementTiming[]> = {};

  // One apply with its SQL captured (untimed), to explain and time each statement.
  {
    const src = rng.pick(sources);
    const { range, code } = nextSegment(src);
    const captured = await captureStatements(
      () => applyCoding(ctx, { project: project.id, source: src.id, code: code.id, start: range.start, end: range.end }),
      env.store.db,
    );
    plans.applyCoding = await explain(reader, captured);
    statements.applyCoding = await timeStatements(reader, captured);
  }

  // The measured sample: applyCoding one segment at a time, as a coder in the UI would.
  const planned = Array.from({ length: sample }, () => {
    const src = rng.pick(sources);
    return { src, ...nextSegment(src) };
  });
  const applyMs: number[] = [];
  const appliedIds: { id: string; src: SourceData; range: CodePointRange; code: Code }[] = [];
  for (const p of planned) {
    const t0 = performance.now();
    const r = await applyCoding(ctx, {
      project: project.id,
      source: p.src.id,
      code: p.code.id,
      start: p.range.start,
      end: p.range.end,
    });
    applyMs.push(performance.now() - t0);
    appliedIds.push({ id: r.id, src: p.src, range: p.range, code: p.code });
  }
  collectGarbage();

  // Check the bulk rows' shape against what applyCoding wrote for the same kind of span.
  let mismatches = 0;
  for (const a of appliedIds.slice(0, 200)) {
    const row = await db.selectFrom('segments').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    const mine = segmentRow(a.src, a.range, a.code.id, coderId, project.id, row.created_at);
    const same =
      row.exact === mine.exact &&
      row.prefix === mine.prefix &&
      row.suffix === mine.suffix &&
      row.turn_id === mine.turn_id &&
      row.coder_id === coderId;
    if (!same) mismatches++;
  }
  if (mismatches > 0) notes.push(`WARNING: ${mismatches}/200 bulk rows differ from applyCoding's rows`);
  const total = Number(
    (
      await db
        .selectFrom('segments')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('project_id', '=', project.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

  // Retrieval: one code, one category with its descendants, one source.
  const category = Object.keys(CODEBOOK)[0] as string;
  const oneCode = (leaves[0] as Code).name;
  const oneSource = (rng.pick(sources) as SourceData).name;
  const scenarios: { key: string; label: string; input: { code?: string; source?: string }; target?: number }[] = [
    { key: 'code', label: `code "${oneCode}"`, input: { code: oneCode }, target: 100 },
    { key: 'category', label: `category "${category}" + descendants`, input: { code: category } },
    { key: 'source', label: `source "${oneSource}"`, input: { source: oneSource } },
  ];
  const metrics: Metric[] = [
    { name: 'segments in store', value: total, unit: '' },
    { name: 'bulk insert', value: bulkMs / 1000, unit: 's' },
    { name: 'bulk insert rate', value: bulkCount / (bulkMs / 1000), unit: 'rows/s' },
  ];
  const apply = summarise(applyMs);
  const tenth = Math.max(1, Math.floor(applyMs.length / 10));
  const applyLoad = loadNow();
  metrics.push(
    { name: `applyCoding p50 (n=${apply.runs})`, value: apply.p50, unit: 'ms', load: applyLoad },
    { name: 'applyCoding p95', value: apply.p95, unit: 'ms', load: applyLoad, target: { max: 50 } },
    { name: 'applyCoding max', value: apply.max, unit: 'ms' },
    { name: `applyCoding p50 first ${tenth}`, value: percentile(applyMs.slice(0, tenth), 50), unit: 'ms' },
    { name: `applyCoding p50 last ${tenth}`, value: percentile(applyMs.slice(-tenth), 50), unit: 'ms' },
    { name: 'addCode (setup) mean', value: addCodeMs, unit: 'ms' },
  );
  for (const s of scenarios) {
    collectGarbage();
    const input = { project: project.name, ...s.input };
    const { ms, last } = await timeRuns(() => retrieveSegments(ctx, input), RUNS, WARMUPS);
    const sum = summarise(ms);
    const load = loadNow();
    const captured = await captureStatements(() => retrieveSegments(ctx, input), env.store.db);
    const query = captured.find((q) => /from "segments" as "s"/.test(q.sql)) as CompiledQuery;
    plans[`retrieve ${s.key}`] = await explain(reader, [query]);
    const raw = await timeRuns(() => runRaw(reader, query), RUNS, WARMUPS);
    metrics.push(
      { name: `retrieve ${s.label}: rows`, value: last.length, unit: '' },
      { name: `retrieve ${s.key} p50`, value: sum.p50, unit: 'ms', load },
      { name: `retrieve ${s.key} p95`, value: sum.p95, unit: 'ms', load, ...(s.target ? { target: { max: s.target } } : {}) },
      { name: `retrieve ${s.key} max`, value: sum.max, unit: 'ms' },
      { name: `retrieve ${s.key} raw SQL p50`, value: percentile(raw.ms, 50), unit: 'ms' },
    );
    if (reader.sqlite) metrics.push(await withLargeCache(reader.sqlite, query, s.key));
  }
  await reader.close();
  const size = await databaseBytes(env);
  metrics.push(
    { name: 'database file', value: size.db / 1024 / 1024, unit: 'MB' },
    { name: 'WAL file', value: size.wal / 1024 / 1024, unit: 'MB' },
  );

  for (const [key, list] of Object.entries(plans)) {
    for (const p of list) if (p.scans.length > 0) notes.push(`${key}: full scan ${p.scans.join('; ')}`);
  }
  const slow = (statements.applyCoding ?? []).filter((s) => s.p50 >= 1);
  for (const s of slow) notes.push(`applyCoding statement p50 ${round1(s.p50)} ms: ${s.sql.slice(0, 140)}`);
  return { name: 'retrieval', metrics, notes, extra: { plans, statements, applyMs } };
}

/**
 * On PostgreSQL, what autovacuum does in the minutes after a bulk change (on this shared machine
 * it did not get to the bench's database within the run): a store coded over months has its
 * planner statistics and its visibility map. Without statistics PostgreSQL guesses a code has 5
 * segments and sorts all of its rows for every page; without the visibility map a covering
 * index (the matrix's `segments_aggregate`) still reads every row. Nothing to do on SQLite.
 */
export async function settle(env: BenchEnv): Promise<void> {
  if (env.store.engine === 'postgres') await sql`vacuum analyze`.execute(env.store.db);
}

/**
 * Diagnosis on SQLite: the same SQL with a 256 MB page cache instead of the connection's default,
 * to tell page reads from per-row work. Only the reader connection is changed.
 */
async function withLargeCache(sqlite: SQLite.Database, query: CompiledQuery, key: string): Promise<Metric> {
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('cache_size = -262144');
  const cached = await timeRuns(async () => sqlite.prepare(query.sql).all(...(query.parameters as unknown[])), RUNS, WARMUPS);
  sqlite.pragma(`cache_size = ${cacheSize}`);
  return { name: `retrieve ${key} raw SQL p50, 256 MB cache`, value: percentile(cached.ms, 50), unit: 'ms' };
}

/** The project's segment count, after coding the corpus first (this benchmark's setup) if it is not yet. */
export async function ensureCoded(env: BenchEnv): Promise<number> {
  const count = async () =>
    Number(
      (
        await env.store.db
          .selectFrom('segments')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('project_id', '=', env.project.id)
          .executeTakeFirstOrThrow()
      ).n,
    );
  if ((await count()) < env.options.segments / 2) {
    log('coding the corpus first (setup: the retrieval benchmark)');
    await benchRetrieveSegments(env);
  }
  return count();
}
