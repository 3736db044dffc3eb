import { z } from 'zod';
import type { TextRange } from '../../core/anchoring/range.js';
import { type CodedSpan, PairTally, tallyOverlaps, tallyUnits } from '../../core/queries/cooccurrence.js';
import { matrixRows } from '../../core/queries/matrix.js';
import { paragraphs } from '../../core/queries/paragraphs.js';
import { Slice } from '../../store/eventLoop.js';
import { AnalysisFilter, passes, type ResolvedFilter, resolveFilter } from './analysisFilter.js';
import type { CommandContext } from './context.js';
import { narrowLayers } from './filteredTallies.js';
import { inPages, PAGE_ROWS } from './pages.js';
import { asCodeNodes, countedLayers } from './queryData.js';
import { loadCodes, resolveProject } from './resolve.js';

export const CooccurrenceInput = z.object({
  project: z.string(),
  /** overlap: segments sharing text; turn, paragraph: codes in the same speaker turn or paragraph. */
  mode: z.enum(['overlap', 'turn', 'paragraph']).default('overlap'),
  /** Only this coder's layer. */
  coder: z.string().optional(),
  /** Only the segments this filter lets through (helpers/analysisFilter.ts). */
  filter: AnalysisFilter.optional(),
});

/**
 * Which codes occur together, as a symmetric code × code matrix (core/queries/cooccurrence.ts):
 * overlapping segment pairs, or turns or paragraphs holding both codes; the diagonal is each
 * code's own count in the same sense. Segments are read a code and a page at a time (issue 13);
 * turns in batches of sources; paragraphs are found in the texts of the coded sources.
 * `pageRows` is for tests.
 */
export async function computeCooccurrence(
  ctx: CommandContext,
  args: z.output<typeof CooccurrenceInput>,
  { pageRows = PAGE_ROWS }: { pageRows?: number } = {},
) {
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const filter = await resolveFilter(db, project.id, args.filter);
  const layers = narrowLayers(await countedLayers(db, project, ctx, args.coder), filter.coderIds);
  const codes = await loadCodes(db, project.id);
  const bySource = await spansBySource(ctx, project.id, codes, layers, filter, pageRows);
  const tally = new PairTally();
  const slice = new Slice();
  if (args.mode === 'overlap') {
    for (const spans of bySource.values()) {
      if (slice.due()) await slice.pause();
      tallyOverlaps(spans, tally);
    }
  } else {
    const ids = [...bySource.keys()];
    const units = args.mode === 'turn' ? await turnsOf(ctx, ids) : await paragraphsOf(ctx, ids);
    for (const [sourceId, spans] of bySource) {
      if (slice.due()) await slice.pause();
      tallyUnits(units.get(sourceId) ?? [], spans, tally);
    }
  }
  const coded = new Set([...bySource.values()].flatMap((spans) => spans.map((s) => s.code)));
  const rows = matrixRows(asCodeNodes(codes), 'codes', coded);
  return {
    mode: args.mode,
    coder: args.coder ?? null,
    /** The filter it was built with, by name. */
    filter: filter.described,
    codes: rows.map((r) => ({ id: r.id, name: r.name, path: r.path, color: r.color })),
    cells: rows.map((a) => rows.map((b) => tally.get(a.id, b.id))),
  };
}

export type CodeCooccurrence = Awaited<ReturnType<typeof computeCooccurrence>>;

/**
 * The coded spans of each source, of the layers counted, that pass the filter; read per code, in
 * pages of its index, each segment with its turn's case and speaker for the filter to judge.
 */
async function spansBySource(
  ctx: CommandContext,
  projectId: string,
  codes: readonly { id: string }[],
  layers: string[] | null,
  filter: ResolvedFilter,
  pageRows: number,
): Promise<Map<string, CodedSpan[]>> {
  type Row = {
    id: string;
    source_id: string;
    code_id: string;
    coder_id: string;
    start_offset: number;
    end_offset: number;
    case_id: string | null;
    speaker: string | null;
  };
  const bySource = new Map<string, CodedSpan[]>();
  const caseOfSource = new Map<string, string | null>();
  if (filter.caseIds) {
    const rows = await ctx.store.db.selectFrom('sources').select(['id', 'case_id']).where('project_id', '=', projectId).execute();
    for (const r of rows) caseOfSource.set(r.id, r.case_id);
  }
  for (const code of codes) {
    const pages = inPages<Row>((after, limit) => {
      let query = ctx.store.db
        .selectFrom('segments as s')
        .leftJoin('turns as t', 't.id', 's.turn_id')
        .select(['s.id', 's.source_id', 's.code_id', 's.coder_id', 's.start_offset', 's.end_offset', 't.case_id', 't.speaker'])
        .where('s.code_id', '=', code.id);
      if (layers !== null) query = query.where('s.coder_id', 'in', layers.length > 0 ? layers : ['']);
      if (filter.sourceIds !== null) query = query.where('s.source_id', 'in', [...filter.sourceIds]);
      if (after) {
        query = query.where((eb) =>
          eb(eb.refTuple('s.source_id', 's.start_offset', 's.id'), '>', eb.tuple(after.source_id, after.start_offset, after.id)),
        );
      }
      return query.orderBy('s.source_id').orderBy('s.start_offset').orderBy('s.id').limit(limit).execute();
    }, pageRows);
    for await (const page of pages) {
      for (const s of page) {
        const caseId = s.case_id ?? caseOfSource.get(s.source_id) ?? null;
        const seg = { sourceId: s.source_id, caseId, coderId: s.coder_id, speaker: s.speaker };
        if (filter.active && !passes(filter, seg)) continue;
        const list = bySource.get(s.source_id) ?? [];
        list.push({ code: s.code_id, start: s.start_offset, end: s.end_offset });
        bySource.set(s.source_id, list);
      }
    }
  }
  return bySource;
}

async function turnsOf(ctx: CommandContext, sourceIds: string[]): Promise<Map<string, TextRange[]>> {
  const out = new Map<string, TextRange[]>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const rows = await ctx.store.db
      .selectFrom('turns')
      .select(['source_id', 'start_offset', 'end_offset'])
      .where('source_id', 'in', sourceIds.slice(i, i + 500))
      .orderBy('source_id')
      .orderBy('start_offset')
      .execute();
    for (const t of rows) {
      const list = out.get(t.source_id) ?? [];
      list.push({ start: t.start_offset, end: t.end_offset });
      out.set(t.source_id, list);
    }
  }
  return out;
}

async function paragraphsOf(ctx: CommandContext, sourceIds: string[]): Promise<Map<string, TextRange[]>> {
  const out = new Map<string, TextRange[]>();
  for (const id of sourceIds) {
    const { text } = await ctx.store.db.selectFrom('sources').select('text').where('id', '=', id).executeTakeFirstOrThrow();
    out.set(id, paragraphs(text));
  }
  return out;
}
