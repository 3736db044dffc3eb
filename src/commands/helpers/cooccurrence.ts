import { z } from 'zod';
import type { TextRange } from '../../core/anchoring/range.js';
import { type CodedSpan, PairTally, tallyOverlaps, tallyUnits } from '../../core/queries/cooccurrence.js';
import { matrixRows } from '../../core/queries/matrix.js';
import { paragraphs } from '../../core/queries/paragraphs.js';
import { Slice } from '../../store/eventLoop.js';
import type { CommandContext } from './context.js';
import { inPages, PAGE_ROWS } from './pages.js';
import { asCodeNodes, countedLayers } from './queryData.js';
import { loadCodes, resolveProject } from './resolve.js';

export const CooccurrenceInput = z.object({
  project: z.string(),
  /** overlap: segments sharing text; turn, paragraph: codes in the same speaker turn or paragraph. */
  mode: z.enum(['overlap', 'turn', 'paragraph']).default('overlap'),
  /** Only this coder's layer. */
  coder: z.string().optional(),
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
  const layers = await countedLayers(db, project, ctx, args.coder);
  const codes = await loadCodes(db, project.id);
  const bySource = await spansBySource(ctx, codes, layers, pageRows);
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
    codes: rows.map((r) => ({ id: r.id, name: r.name, path: r.path, color: r.color })),
    cells: rows.map((a) => rows.map((b) => tally.get(a.id, b.id))),
  };
}

export type CodeCooccurrence = Awaited<ReturnType<typeof computeCooccurrence>>;

/** The coded spans of each source, of the layers counted; read per code, in pages of its index. */
async function spansBySource(
  ctx: CommandContext,
  codes: readonly { id: string }[],
  layers: string[] | null,
  pageRows: number,
): Promise<Map<string, CodedSpan[]>> {
  type Row = { id: string; source_id: string; code_id: string; start_offset: number; end_offset: number };
  const bySource = new Map<string, CodedSpan[]>();
  for (const code of codes) {
    const pages = inPages<Row>((after, limit) => {
      let query = ctx.store.db
        .selectFrom('segments')
        .select(['id', 'source_id', 'code_id', 'start_offset', 'end_offset'])
        .where('code_id', '=', code.id);
      if (layers !== null) query = query.where('coder_id', 'in', layers.length > 0 ? layers : ['']);
      if (after) {
        query = query.where((eb) =>
          eb(eb.refTuple('source_id', 'start_offset', 'id'), '>', eb.tuple(after.source_id, after.start_offset, after.id)),
        );
      }
      return query.orderBy('source_id').orderBy('start_offset').orderBy('id').limit(limit).execute();
    }, pageRows);
    for await (const page of pages) {
      for (const s of page) {
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
