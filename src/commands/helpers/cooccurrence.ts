import { z } from 'zod';
import type { TextRange } from '../../core/anchoring/range.js';
import { type CodedSpan, PairTally, tallyOverlaps, tallyUnits } from '../../core/queries/cooccurrence.js';
import { matrixRows } from '../../core/queries/matrix.js';
import { paragraphs } from '../../core/queries/paragraphs.js';
import type { CommandContext } from './context.js';
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
 * code's own count in the same sense. Segments come from one query over the covering index;
 * turns from one query; paragraphs are found in the texts of the coded sources.
 */
export async function computeCooccurrence(ctx: CommandContext, args: z.output<typeof CooccurrenceInput>) {
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const layers = await countedLayers(db, project, ctx.actor, args.coder);
  const codes = await loadCodes(db, project.id);
  let query = db
    .selectFrom('segments')
    .select(['source_id', 'code_id', 'start_offset', 'end_offset'])
    .where('code_id', 'in', db.selectFrom('codes').select('id').where('project_id', '=', project.id));
  if (layers !== null) query = query.where('coder_id', 'in', layers.length > 0 ? layers : ['']);
  const segments = await query.execute();
  const bySource = new Map<string, CodedSpan[]>();
  for (const s of segments) {
    const list = bySource.get(s.source_id) ?? [];
    list.push({ code: s.code_id, start: s.start_offset, end: s.end_offset });
    bySource.set(s.source_id, list);
  }
  const tally = new PairTally();
  if (args.mode === 'overlap') {
    for (const spans of bySource.values()) tallyOverlaps(spans, tally);
  } else {
    const ids = [...bySource.keys()];
    const units = args.mode === 'turn' ? await turnsOf(ctx, ids) : await paragraphsOf(ctx, ids);
    for (const [sourceId, spans] of bySource) tallyUnits(units.get(sourceId) ?? [], spans, tally);
  }
  const coded = new Set(segments.map((s) => s.code_id));
  const rows = matrixRows(asCodeNodes(codes), 'codes', coded);
  return {
    mode: args.mode,
    coder: args.coder ?? null,
    codes: rows.map((r) => ({ id: r.id, name: r.name, path: r.path, color: r.color })),
    cells: rows.map((a) => rows.map((b) => tally.get(a.id, b.id))),
  };
}

export type CodeCooccurrence = Awaited<ReturnType<typeof computeCooccurrence>>;

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
