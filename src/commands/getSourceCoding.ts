import { sql } from 'kysely';
import { z } from 'zod';
import { type CodedSpan, packCoding } from '../core/sourceCoding.js';
import type { CommandContext } from './helpers/context.js';
import { visibleLayerId } from './helpers/layers.js';
import { inPages, PAGE_ROWS } from './helpers/pages.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), source: z.string() });

/** Rows per page: these are narrow rows read from the index alone, so a page may hold more than retrieval's. */
const INDEX_PAGE_ROWS = 5 * PAGE_ROWS;

/**
 * The coding of one source as the document view draws it, packed (core/sourceCoding.ts): ids,
 * offsets, code, coder and memo, nothing the browser already has (the text is sliced from the
 * canonical text by offsets; names and colours come with the codebook). Read a page at a time
 * from the `segments_source` index alone, in reading order, no join, and the few memos through
 * `segments_memo` (migration 013); blind mode hides other layers exactly as retrieval does.
 */
export async function getSourceCoding(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const source = await resolveSource(db, project.id, args.source);
  const coders = await db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', project.id).execute();
  const coderName = new Map(coders.map((k) => [k.id, k.name]));
  // Blind mode: a coder other than the owner sees only their own layer (none if they have none).
  const layerId = await visibleLayerId(db, project, ctx, coders);

  let query = db
    .selectFrom('segments')
    .select(['id', 'start_offset', 'end_offset', 'code_id', 'coder_id'])
    .where('source_id', '=', source.id);
  if (layerId !== null) query = query.where('coder_id', '=', layerId);
  type Row = Awaited<ReturnType<typeof query.execute>>[number];
  // The literal condition is the partial index's own (`segments_memo`), so the engine can use it.
  const memos = await query.clearSelect().select(['id', 'memo']).where(sql<boolean>`memo <> ''`).execute();
  const memoOf = new Map(memos.map((m) => [m.id, m.memo]));
  const spans: CodedSpan[] = [];
  const pages = inPages<Row>((after, limit) => {
    const page = after
      ? query.where((eb) => eb(eb.refTuple('start_offset', 'id'), '>', eb.tuple(after.start_offset, after.id)))
      : query;
    return page.orderBy('start_offset').orderBy('id').limit(limit).execute();
  }, INDEX_PAGE_ROWS);
  for await (const rows of pages) {
    for (const r of rows) {
      spans.push({
        id: r.id,
        start: r.start_offset,
        end: r.end_offset,
        code: r.code_id,
        coder: coderName.get(r.coder_id) ?? '',
        memo: memoOf.get(r.id) ?? '',
      });
    }
  }
  return packCoding(spans);
}
