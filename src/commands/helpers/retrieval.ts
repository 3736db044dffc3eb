import { z } from 'zod';
import { subtreeIds } from '../../core/codebook/tree.js';
import type { Db } from '../../store/db.js';
import { Slice } from '../../store/eventLoop.js';
import { AnalysisFilter, passes, resolveFilter } from './analysisFilter.js';
import { asNodes } from './codebook.js';
import type { CommandContext } from './context.js';
import { visibleLayer } from './layers.js';
import { inPages, PAGE_ROWS } from './pages.js';
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

/**
 * Coded segments with their text, source, case and code, in reading order. Read a page at a time
 * (issue 13: 200,000 segments in one synchronous read held the server for seconds), per code when
 * a code is asked for, else per source, each page one indexed query joined only to the segments'
 * turns (whose case outranks the source's); the few sources, codes, coders and cases of the
 * project are looked up in memory rather than joined per row. The text is the segment's stored
 * quote. `pageRows` is for tests, to cross page boundaries with few rows.
 */
export async function findSegments(
  ctx: CommandContext,
  args: z.output<typeof RetrievalInput>,
  { pageRows = PAGE_ROWS }: { pageRows?: number } = {},
) {
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const codes = await loadCodes(db, project.id);
  const codeIds = args.code ? codeFilter(codes, args.code, args.includeDescendants) : null;
  const sourceId = args.source ? (await resolveSource(db, project.id, args.source)).id : null;
  const caseId = args.case ? (await resolveCase(db, project.id, args.case)).id : null;
  const [sources, coders, cases] = await Promise.all([
    db.selectFrom('sources').select(['id', 'name', 'case_id']).where('project_id', '=', project.id).execute(),
    db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', project.id).execute(),
    db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', project.id).execute(),
  ]);
  const coderId = args.coder ? (coders.find((k) => k.name === args.coder)?.id ?? '') : null;
  // Blind mode: a coder other than the owner sees only their own layer.
  const only = await visibleLayer(db, project, ctx);
  const layerId = only === null ? null : (coders.find((k) => k.name === only)?.id ?? '');
  const spans = await TimeSpans.load(db, project.id, sourceId ?? undefined);
  const filter = await resolveFilter(db, project.id, args.filter);

  let query = segmentQuery(db, project.id);
  if (sourceId) query = query.where('s.source_id', '=', sourceId);
  if (coderId !== null) query = query.where('s.coder_id', '=', coderId);
  if (layerId !== null) query = query.where('s.coder_id', '=', layerId);
  if (filter.coderIds !== null) query = query.where('s.coder_id', 'in', [...filter.coderIds]);
  if (filter.sourceIds !== null) query = query.where('s.source_id', 'in', [...filter.sourceIds]);
  if (caseId) {
    // The case's own sources, less turns spoken by someone else, plus its turns elsewhere.
    const own = sources.filter((s) => s.case_id === caseId).map((s) => s.id);
    query = query.where((eb) =>
      eb.or([
        eb('t.case_id', '=', caseId),
        eb.and([eb('s.source_id', 'in', own.length ? own : ['']), eb('t.case_id', 'is', null)]),
      ]),
    );
  }

  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const coderById = new Map(coders.map((k) => [k.id, k.name]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const toSegment = (r: SegmentPageRow) => {
    const source = sourceById.get(r.source_id);
    const code = codeById.get(r.code_id);
    const theCase = caseById.get(r.turn_case_id ?? source?.case_id ?? '');
    return {
      id: r.id,
      source: { id: r.source_id, name: source?.name ?? '' },
      case: theCase ? { id: theCase.id, name: theCase.name } : null,
      code: { id: r.code_id, name: code?.name ?? '', color: code?.color ?? '' },
      coder: coderById.get(r.coder_id) ?? '',
      start: r.start_offset,
      end: r.end_offset,
      text: r.exact,
      memo: r.memo,
      speaker: r.speaker ?? null,
      startMs: r.start_ms ?? null,
      /** Where the words are heard in the source's recording (none without one, or without times). */
      span: spans.of(r.source_id, { start: r.start_offset, end: r.end_offset }),
      /** An edit of the text left its words missing or ambiguous: `text` is the words it was made on. */
      broken: r.anchor_broken === 1,
      createdAt: r.created_at,
    };
  };
  type Segment = ReturnType<typeof toSegment>;
  const filterView = (r: SegmentPageRow) => ({
    sourceId: r.source_id,
    caseId: r.turn_case_id ?? sourceById.get(r.source_id)?.case_id ?? null,
    coderId: r.coder_id,
    speaker: r.speaker ?? null,
  });

  // Reading order is by source name first: each source's segments are gathered, then sorted alone.
  const bySource = new Map<string, Segment[]>();
  const parts: Partition[] = codeIds
    ? codeIds.map((id) => ({ column: 's.code_id', id }))
    : (sourceId ? [sourceId] : sources.map((s) => s.id).filter((id) => filter.sourceIds?.has(id) ?? true)).map((id) => ({
        column: 's.source_id' as const,
        id,
      }));
  const slice = new Slice();
  for (const part of parts) {
    for await (const page of segmentPages(query, part, pageRows)) {
      for (const r of page) {
        if (slice.due()) await slice.pause();
        if (filter.active && !passes(filter, filterView(r))) continue;
        const list = bySource.get(r.source_id);
        if (list) list.push(toSegment(r));
        else bySource.set(r.source_id, [toSegment(r)]);
      }
    }
  }
  const out: Segment[] = [];
  const order = [...bySource.keys()].sort((a, b) => compareText(sourceById.get(a)?.name ?? '', sourceById.get(b)?.name ?? ''));
  for (const id of order) {
    if (slice.due()) await slice.pause();
    const list = (bySource.get(id) as Segment[]).sort(
      (a, b) => a.start - b.start || a.end - b.end || compareText(a.code.name, b.code.name),
    );
    for (const s of list) out.push(s);
  }
  return out;
}

type SegmentQuery = ReturnType<typeof segmentQuery>;
type SegmentPageRow = Awaited<ReturnType<SegmentQuery['execute']>>[number];

/** A project's segments, each with its turn's case, speaker and time. */
function segmentQuery(db: Db, projectId: string) {
  return db
    .selectFrom('segments as s')
    .leftJoin('turns as t', 't.id', 's.turn_id')
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
    .select(['t.case_id as turn_case_id', 't.speaker', 't.start_ms'])
    .where('s.project_id', '=', projectId);
}

/** The segments of one code or of one source: each read through its own index. */
interface Partition {
  column: 's.code_id' | 's.source_id';
  id: string;
}

/**
 * A partition's rows a page at a time, keyset in its index's order: (source, start, id) within a
 * code (`segments_code`), (start, id) within a source (`segments_source`).
 */
function segmentPages(query: SegmentQuery, part: Partition, pageRows: number) {
  const byCode = part.column === 's.code_id';
  return inPages<SegmentPageRow>((after, limit) => {
    let page = query.where(part.column, '=', part.id);
    if (after) {
      page = page.where((eb) =>
        byCode
          ? eb(eb.refTuple('s.source_id', 's.start_offset', 's.id'), '>', eb.tuple(after.source_id, after.start_offset, after.id))
          : eb(eb.refTuple('s.start_offset', 's.id'), '>', eb.tuple(after.start_offset, after.id)),
      );
    }
    if (byCode) page = page.orderBy('s.source_id');
    return page.orderBy('s.start_offset').orderBy('s.id').limit(limit).execute();
  }, pageRows);
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function codeFilter(codes: Awaited<ReturnType<typeof loadCodes>>, ref: string, descendants: boolean): string[] {
  const code = findCode(codes, ref);
  return descendants ? subtreeIds(asNodes(codes), code.id) : [code.id];
}
