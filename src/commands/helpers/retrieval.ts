import { z } from 'zod';
import { subtreeIds } from '../../core/codebook/tree.js';
import { invalid } from '../../core/errors.js';
import { packSegments, type RetrievedSegment, SegmentPacker, type SegmentPage } from '../../core/segmentPage.js';
import type { Db } from '../../store/db.js';
import { Slice, yieldToEventLoop } from '../../store/eventLoop.js';
import { AnalysisFilter, passes, resolveFilter } from './analysisFilter.js';
import { asNodes } from './codebook.js';
import type { CommandContext } from './context.js';
import { visibleLayerId } from './layers.js';
import { PAGE_ROWS } from './pages.js';
import { findCode, loadCodes, resolveCase, resolveProject, resolveSource } from './resolve.js';
import { TimeSpans } from './timeSpans.js';

export const RetrievalInput = z.object({
  project: z.string(),
  code: z.string().optional(),
  /** With `code`: also segments of every code below it (a category's whole branch). */
  includeDescendants: z.boolean().default(true),
  source: z.string().optional(),
  case: z.string().optional(),
  coder: z.string().optional(),
  /** Only the segments this filter lets through (helpers/analysisFilter.ts). */
  filter: AnalysisFilter.optional(),
});

/** The most segments one page of retrieval holds. */
export const MAX_PAGE = 1_000;

export const PageInput = RetrievalInput.extend({
  /** Segments per page; without it, the whole list as one page. */
  limit: z.number().int().min(1).max(MAX_PAGE).optional(),
  /** The `next` of the page before. */
  after: z.string().optional(),
});

/**
 * Coded segments with their text, source, case and code, in reading order: by source name, then
 * start, end and code name (retrieve below). The text is the segment's stored quote. `pageRows`
 * is for tests, to cross page boundaries with few rows.
 */
export async function findSegments(
  ctx: CommandContext,
  args: z.output<typeof RetrievalInput>,
  { pageRows = PAGE_ROWS }: { pageRows?: number } = {},
) {
  const r = await openRetrieval(ctx, args);
  const out: FoundSegment[] = [];
  const slice = new Slice();
  for await (const batch of readSegments(r, startAt(r, null), pageRows)) {
    for (const row of batch) {
      if (slice.due()) await slice.pause();
      out.push(r.toSegment(row));
    }
  }
  return out;
}

/** A retrieved segment with when it was made. */
type FoundSegment = RetrievedSegment & { createdAt: string };

/**
 * One page of retrieval, packed lean (core/segmentPage.ts): at least `limit` segments when so many
 * remain, more only so that the segments starting at one offset of one source stay together (the
 * page's end is where the next begins). Without `limit`, every segment on one page.
 */
export async function findSegmentPage(
  ctx: CommandContext,
  args: z.output<typeof PageInput>,
  { pageRows = PAGE_ROWS }: { pageRows?: number } = {},
): Promise<SegmentPage> {
  const page = await openPage(ctx, args, pageRows);
  const segments: RetrievedSegment[] = [];
  for await (const batch of page.batches) segments.push(...batch);
  return { ...packSegments(segments), ...page.end };
}

/**
 * The page of findSegmentPage as JSON in UTF-8, the bytes of `JSON.stringify` of that page,
 * written while its rows are read: a batch of segments at a time, the tables after them (issue
 * 17: the 10,000 segments of one code start on their way before the last is read). A batch is
 * encoded once, as the reply would encode it, and its array's brackets are cut off the bytes: cut
 * off the text, the 6 MB of one code's quotes were copied once more. Errors in the input (a page
 * marker of no source, an unknown code) are thrown before the first piece.
 */
export async function segmentPageJson(
  ctx: CommandContext,
  args: z.output<typeof PageInput>,
  { pageRows = PAGE_ROWS }: { pageRows?: number } = {},
): Promise<AsyncGenerator<Uint8Array>> {
  const page = await openPage(ctx, args, pageRows);
  return (async function* () {
    const packer = new SegmentPacker();
    let open = '{"segments":[';
    for await (const batch of page.batches) {
      if (batch.length === 0) continue;
      yield Buffer.from(open);
      yield Buffer.from(JSON.stringify(batch.map(packer.pack))).subarray(1, -1);
      open = ',';
    }
    const tail = JSON.stringify({ ...packer.tables(), ...page.end });
    yield Buffer.from(`${open === ',' ? '' : open}],${tail.slice(1)}`);
  })();
}

/** Where a page ends: the next page's marker (null on the last), and how many the whole list holds when known. */
interface PageEnd {
  next: string | null;
  total: number | null;
}

/**
 * A page's segments a batch at a time, as they are read; `end` is known once the last is given.
 * Without a limit each batch goes on as read; with one, the page is read whole, one row past it
 * (a whole start group), to know whether a next page exists.
 */
async function openPage(ctx: CommandContext, args: z.output<typeof PageInput>, pageRows: number) {
  const { limit = Number.POSITIVE_INFINITY, after, ...query } = args;
  const from = after === undefined ? null : readCursor(after);
  const r = await openRetrieval(ctx, query);
  const reads = readSegments(r, startAt(r, from), Math.min(pageRows, limit + 1));
  const end: PageEnd = { next: null, total: r.total };
  async function* batches(): AsyncGenerator<RetrievedSegment[]> {
    if (limit === Number.POSITIVE_INFINITY) {
      for await (const rows of reads) yield rows.map(r.toSegment);
      return;
    }
    const rows: SegmentPageRow[] = [];
    for await (const batch of reads) {
      for (const row of batch) rows.push(row);
      if (rows.length > pageEnd(rows, limit)) break;
    }
    const stop = pageEnd(rows, limit);
    const last = rows[stop - 1];
    if (stop < rows.length && last) end.next = writeCursor({ source: last.source_id, start: last.start_offset });
    yield await mapSliced(rows.slice(0, stop), r.toSegment);
  }
  return { batches: batches(), end };
}

/** Rows up to the end of the start group that holds the `limit`-th (all of them when fewer). */
function pageEnd(rows: readonly SegmentPageRow[], limit: number): number {
  if (rows.length <= limit) return rows.length;
  const last = rows[limit - 1] as SegmentPageRow;
  let end = limit;
  while (end < rows.length && sameStart(rows[end] as SegmentPageRow, last)) end++;
  return end;
}

const sameStart = (a: SegmentPageRow, b: SegmentPageRow) => a.source_id === b.source_id && a.start_offset === b.start_offset;

/** Where a page ended: every segment of `source` starting at or before `start` was given. */
interface Cursor {
  source: string;
  start: number;
}

const writeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.source, c.start])).toString('base64url');

function readCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [source, start] = value;
      if (typeof source === 'string' && Number.isSafeInteger(start) && start >= 0) return { source, start };
    }
  } catch {
    // Not JSON: the same answer as JSON of the wrong shape.
  }
  throw invalid('retrieval.after');
}

async function mapSliced<T, U>(items: readonly T[], fn: (item: T) => U): Promise<U[]> {
  const out: U[] = [];
  const slice = new Slice();
  for (const item of items) {
    if (slice.due()) await slice.pause();
    out.push(fn(item));
  }
  return out;
}

type Retrieval = Awaited<ReturnType<typeof openRetrieval>>;

/**
 * What one answer reads by: the query with every narrowing SQL can do, the sources holding
 * segments in reading order with how many each holds, and how a row becomes a segment. The few
 * sources, codes, coders and cases of the project are looked up in memory rather than joined per row.
 */
async function openRetrieval(ctx: CommandContext, args: z.output<typeof RetrievalInput>) {
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const codes = await loadCodes(db, project.id);
  const codeIds = args.code ? codeFilter(codes, args.code, args.includeDescendants) : null;
  const sourceId = args.source ? (await resolveSource(db, project.id, args.source)).id : null;
  const caseId = args.case ? (await resolveCase(db, project.id, args.case)).id : null;
  const [sources, coders, cases, recorded] = await Promise.all([
    db.selectFrom('sources').select(['id', 'name', 'case_id']).where('project_id', '=', project.id).execute(),
    db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', project.id).execute(),
    db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', project.id).execute(),
    db.selectFrom('recordings').select('source_id').where('project_id', '=', project.id).execute(),
  ]);
  const coderId = args.coder ? (coders.find((k) => k.name === args.coder)?.id ?? '') : null;
  // Blind mode: a coder other than the owner sees only their own layer.
  const layerId = await visibleLayerId(db, project, ctx, coders);
  const filter = await resolveFilter(db, project.id, args.filter);

  // Narrowed by what an index holds, and by the project through its codes or sources rather than
  // by the segment's own project column, which no index holds (counting read every row for it).
  let narrowed = db.selectFrom('segments as s');
  if (codeIds)
    narrowed =
      codeIds.length === 1 ? narrowed.where('s.code_id', '=', codeIds[0] as string) : narrowed.where('s.code_id', 'in', codeIds);
  if (sourceId) narrowed = narrowed.where('s.source_id', '=', sourceId);
  if (coderId !== null) narrowed = narrowed.where('s.coder_id', '=', coderId);
  if (layerId !== null) narrowed = narrowed.where('s.coder_id', '=', layerId);
  if (filter.coderIds !== null) narrowed = narrowed.where('s.coder_id', 'in', [...filter.coderIds]);
  if (filter.sourceIds !== null) narrowed = narrowed.where('s.source_id', 'in', [...filter.sourceIds]);
  // Neither a code nor a source: the project's sources narrow it.
  const bySources = !codeIds && !sourceId;
  const sourceIds = sources.length ? sources.map((s) => s.id) : [''];
  const base = bySources ? narrowed.where('s.source_id', 'in', sourceIds) : narrowed;
  const withCase = (segments: typeof base) => {
    const joined = segments.leftJoin('turns as t', 't.id', 's.turn_id');
    if (!caseId) return joined;
    // The case's own sources, less turns spoken by someone else, plus its turns elsewhere.
    const own = sources.filter((s) => s.case_id === caseId).map((s) => s.id);
    return joined.where((eb) =>
      eb.or([
        eb('t.case_id', '=', caseId),
        eb.and([eb('s.source_id', 'in', own.length ? own : ['']), eb('t.case_id', 'is', null)]),
      ]),
    );
  };
  const query = withCase(base);
  // How many segments each source holds: the turns are joined only when the case needs them.
  const count = (segments: typeof base) =>
    (caseId ? withCase(segments) : segments)
      .select((eb) => ['s.source_id', eb.fn.countAll<number | string | bigint>().as('n')])
      .groupBy('s.source_id')
      .execute();
  // Only the sources narrowing it, they are counted in groups. With a coder, SQLite reads that
  // coder's index whatever the sources, so each group would read all of the layer: one statement.
  const byCoder = coderId !== null || layerId !== null || filter.coderIds !== null;
  const counted =
    bySources && !byCoder
      ? await inGroups(sourceIds, (group) => count(narrowed.where('s.source_id', 'in', group)))
      : await count(base);
  const counts = new Map(counted.map((c) => [c.source_id, Number(c.n)]));
  const spans = lazySpans(db, project.id, recorded);
  const sourceCase = new Map(sources.map((s) => [s.id, s.case_id]));
  // A turn's speaker outranks the source's case.
  const caseOf = (row: SegmentPageRow) => row.turn_case_id ?? sourceCase.get(row.source_id) ?? null;
  const ordered = [...sources].sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  // The case and speaker filters are checked per row: until then, how many pass is unknown.
  const total = filter.caseIds === null && filter.speaker === null ? [...counts.values()].reduce((a, n) => a + n, 0) : null;

  return {
    query: selectRow(query),
    filter,
    total,
    /** Every source in reading order with its rank, and how many segments each holds. */
    order: ordered.map((s) => ({ id: s.id, count: counts.get(s.id) ?? 0 })),
    spans,
    toSegment: segmentMaker({ sources, codes, coders, cases, spans, caseOf }),
    caseOf,
    codeNames: new Map(codes.map((c) => [c.id, c.name])),
    /** The database works in a process of its own (PostgreSQL), so reading ahead overlaps with this one's work. */
    readsElsewhere: ctx.store.engine === 'postgres',
  };
}

/**
 * Sources counted per statement when only the project's sources narrow the segments: counted in
 * one, the 237,593 segments of the bench's 500 sources held the event loop 24 ms.
 */
export const COUNTED_SOURCES = 50;

/** What `read` gives for each group of COUNTED_SOURCES ids, a turn of the event loop between groups. */
async function inGroups<T>(ids: string[], read: (group: string[]) => Promise<T[]>): Promise<T[]> {
  const all: T[] = [];
  for (let i = 0; i < ids.length; i += COUNTED_SOURCES) {
    if (i > 0) await yieldToEventLoop();
    all.push(...(await read(ids.slice(i, i + COUNTED_SOURCES))));
  }
  return all;
}

/** Where coded text is heard, read for a recorded source the first time one of its segments needs it. */
function lazySpans(db: Db, projectId: string, recorded: { source_id: string | null }[]) {
  const withRecording = new Set(recorded.map((r) => r.source_id ?? ''));
  const loaded = new Map<string, TimeSpans>();
  return {
    async prepare(sourceIds: Iterable<string>) {
      for (const id of sourceIds)
        if (withRecording.has(id) && !loaded.has(id)) loaded.set(id, await TimeSpans.load(db, projectId, id));
    },
    of: (sourceId: string, range: { start: number; end: number }) => loaded.get(sourceId)?.of(sourceId, range) ?? null,
  };
}

type Spans = ReturnType<typeof lazySpans>;

/**
 * A row as the lists draw it. The source, case and code objects are made once each and shared by
 * their segments: 10,000 segments of one code make one code object, not 10,000.
 */
function segmentMaker(project: {
  sources: { id: string; name: string }[];
  codes: { id: string; name: string; color: string }[];
  coders: { id: string; name: string }[];
  cases: { id: string; name: string }[];
  spans: Spans;
  caseOf: (r: SegmentPageRow) => string | null;
}) {
  const sources = new Map(project.sources.map((s) => [s.id, { id: s.id, name: s.name }]));
  const codes = new Map(project.codes.map((c) => [c.id, { id: c.id, name: c.name, color: c.color }]));
  const coders = new Map(project.coders.map((k) => [k.id, k.name]));
  const cases = new Map(project.cases.map((c) => [c.id, { id: c.id, name: c.name }]));
  const toSegment = (r: SegmentPageRow): FoundSegment => ({
    id: r.id,
    source: sources.get(r.source_id) ?? { id: r.source_id, name: '' },
    case: cases.get(project.caseOf(r) ?? '') ?? null,
    code: codes.get(r.code_id) ?? { id: r.code_id, name: '', color: '' },
    coder: coders.get(r.coder_id) ?? '',
    start: r.start_offset,
    end: r.end_offset,
    text: r.exact,
    memo: r.memo,
    speaker: r.speaker ?? null,
    startMs: r.start_ms ?? null,
    span: project.spans.of(r.source_id, { start: r.start_offset, end: r.end_offset }),
    broken: r.anchor_broken === 1,
    createdAt: r.created_at,
  });
  return toSegment;
}

/**
 * The segments in reading order, a batch at a time, each batch ending where the segments starting
 * at one offset of one source end. Sources are read in name order (only those holding segments),
 * several at once while their segments fit in a page; a bigger one alone, a page at a time keyed
 * by start offset through its index (`segments_code`, `segments_source`), each page completed
 * with the rest of the segments starting where its last one does (issue 13: no long read holds
 * the server; issue 17: the first page of a long list costs one page). `at`: where to begin (startAt).
 */
async function* readSegments(r: Retrieval, at: StartAt, pageRows: number): AsyncGenerator<SegmentPageRow[]> {
  let { i, start } = at;
  let ahead: ReadAhead | null = null;
  const rank = new Map(r.order.map((s, at) => [s.id, at]));
  const sort = (rows: SegmentPageRow[]) => sortRows(rows, rank, r.codeNames);
  while (i < r.order.length) {
    const first = r.order[i] as (typeof r.order)[number];
    if (first.count === 0) {
      i++;
      start = -1;
      continue;
    }
    if (start >= 0 || first.count > pageRows) {
      for await (const rows of startPages(r.query, first.id, start, pageRows)) yield await ready(r, sort(rows));
      i++;
      start = -1;
      continue;
    }
    // A group read ahead is this one: the sources skipped above since hold no segments.
    const group = ahead ?? { ...groupFrom(r, i, pageRows), rows: null };
    const rows = await (group.rows ?? readSources(r, group.ids));
    i = group.end;
    ahead = r.readsElsewhere ? readAhead(r, i, pageRows) : null;
    await yieldToEventLoop();
    yield await ready(r, sort(rows));
  }
}

/** The rows of some sources, all of them, in no order. */
const readSources = (r: Retrieval, sourceIds: string[]) => r.query.where('s.source_id', 'in', sourceIds).execute();

/** A group of sources (groupFrom) asked for before it is needed. */
interface ReadAhead {
  ids: string[];
  end: number;
  rows: Promise<SegmentPageRow[]>;
}

/**
 * On PostgreSQL the next group of sources is asked for while this one is made into segments:
 * the database finds its rows while this process parses the last ones (issue 13: a category's
 * 40,000 segments waited for forty statements one after another). Only a group of small sources
 * starting at `i` is read ahead; a big source is paged by offset, each page after the last.
 */
function readAhead(r: Retrieval, i: number, pageRows: number): ReadAhead | null {
  const group = groupFrom(r, i, pageRows);
  // None: the next source is a big one (paged by offset), or there is none.
  if (group.ids.length === 0) return null;
  const rows = readSources(r, group.ids);
  // Not awaited when the reader stops early: its failure must not go unhandled. Awaited, it throws.
  rows.catch(() => {});
  return { ...group, rows };
}

/** The sources from the `i`-th in reading order whose segments fit in a page together (none if the first does not), and where the group ends. */
function groupFrom(r: Retrieval, i: number, pageRows: number): { ids: string[]; end: number } {
  const ids: string[] = [];
  let end = i;
  for (let n = 0; end < r.order.length && n + (r.order[end]?.count ?? 0) <= pageRows; end++) {
    const next = r.order[end] as (typeof r.order)[number];
    if (next.count > 0) ids.push(next.id);
    n += next.count;
  }
  return { ids, end };
}

/** Where reading begins: the source (its place in reading order) and the offset after which. */
interface StartAt {
  i: number;
  start: number;
}

/** The first source and offset after the cursor `from` (the list's beginning without one); a cursor of no source is refused. */
function startAt(r: Retrieval, from: Cursor | null): StartAt {
  if (!from) return { i: 0, start: -1 };
  const i = r.order.findIndex((s) => s.id === from.source);
  if (i < 0) throw invalid('retrieval.after');
  return { i, start: from.start };
}

/** The rows the per-row filters let through, their sources' time spans at hand. */
async function ready(r: Retrieval, rows: SegmentPageRow[]): Promise<SegmentPageRow[]> {
  const kept = r.filter.active ? rows.filter((row) => passes(r.filter, filterView(row, r.caseOf))) : rows;
  await r.spans.prepare(new Set(kept.map((row) => row.source_id)));
  return kept;
}

const filterView = (r: SegmentPageRow, caseOf: (r: SegmentPageRow) => string | null) => ({
  sourceId: r.source_id,
  caseId: caseOf(r),
  coderId: r.coder_id,
  speaker: r.speaker ?? null,
});

/** Reading order: source (by its rank), start, end, code name; the id last, so that no two tie. */
function sortRows(rows: SegmentPageRow[], rank: ReadonlyMap<string, number>, codeNames: ReadonlyMap<string, string>) {
  return rows.sort(
    (a, b) =>
      (rank.get(a.source_id) ?? 0) - (rank.get(b.source_id) ?? 0) ||
      a.start_offset - b.start_offset ||
      a.end_offset - b.end_offset ||
      compareText(codeNames.get(a.code_id) ?? '', codeNames.get(b.code_id) ?? '') ||
      compareText(a.id, b.id),
  );
}

/**
 * One source's rows after offset `after`, a page at a time in start order, each page completed
 * with every row starting where its last one does, so that the next page starts after them.
 */
async function* startPages(query: SegmentQuery, sourceId: string, after: number, pageRows: number) {
  const ofSource = query.where('s.source_id', '=', sourceId);
  for (let from = after; ; ) {
    const rows = await ofSource.where('s.start_offset', '>', from).orderBy('s.start_offset').limit(pageRows).execute();
    await yieldToEventLoop();
    if (rows.length < pageRows) {
      if (rows.length > 0) yield rows;
      return;
    }
    from = (rows.at(-1) as SegmentPageRow).start_offset;
    const rest = await ofSource.where('s.start_offset', '=', from).execute();
    yield [...rows.filter((row) => row.start_offset < from), ...rest];
  }
}

type SegmentQuery = ReturnType<typeof selectRow>;
type SegmentPageRow = Awaited<ReturnType<SegmentQuery['execute']>>[number];

/** What a row of retrieval reads: the segment, and its turn's case, speaker and time. */
function selectRow(query: ReturnType<typeof joinTurns>) {
  return query
    .select([
      's.id',
      's.source_id',
      's.code_id',
      's.coder_id',
      's.start_offset',
      's.end_offset',
      's.exact',
      's.memo',
      's.created_at',
      's.anchor_broken',
    ])
    .select(['t.case_id as turn_case_id', 't.speaker', 't.start_ms']);
}

const joinTurns = (db: Db) => db.selectFrom('segments as s').leftJoin('turns as t', 't.id', 's.turn_id');

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function codeFilter(codes: Awaited<ReturnType<typeof loadCodes>>, ref: string, descendants: boolean): string[] {
  const code = findCode(codes, ref);
  return descendants ? subtreeIds(asNodes(codes), code.id) : [code.id];
}
