import { sql } from 'kysely';
import { z } from 'zod';
import { CodingPacker } from '../core/sourceCoding.js';
import { type Db, engineOf } from '../store/db.js';
import { yieldToEventLoop } from '../store/eventLoop.js';
import { shapedTemplate } from '../store/statementTemplate.js';
import type { CommandContext } from './helpers/context.js';
import { visibleLayerId } from './helpers/layers.js';
import { PAGE_ROWS } from './helpers/pages.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), source: z.string() });

/**
 * The coding of one source as the document view draws it, packed (core/sourceCoding.ts): ids,
 * offsets, code, coder and memo, nothing the browser already has (the text is sliced from the
 * canonical text by offsets; names and colours come with the codebook). Read a page at a time
 * from the `segments_source` index alone, in reading order, no join, and the few memos through
 * `segments_memo` (migration 013); blind mode hides other layers exactly as retrieval does.
 * Pages of the usual thousand rows, each packed as it is read: with the server's small young
 * generation (server/memory.ts) pages of 5,000 outlived it, 33 against 30.5 ms of CPU for 10,000 segments.
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

  // The literal condition is the partial index's own (`segments_memo`), so the engine can use it.
  const memos = await db
    .selectFrom('segments')
    .select(['id', 'memo'])
    .where('source_id', '=', source.id)
    .$if(layerId !== null, (q) => q.where('coder_id', '=', layerId as string))
    .where(sql<boolean>`memo <> ''`)
    .execute();
  const memoOf = new Map(memos.map((m) => [m.id, m.memo]));
  const packer = new CodingPacker();
  for await (const page of codingPages(db, source.id, layerId)) {
    for (let i = 0; i < page.ids.length; i++) {
      const id = page.ids[i] as string;
      const memo = memoOf.size > 0 ? (memoOf.get(id) ?? '') : '';
      packer.add(
        id,
        page.starts[i] as number,
        page.ends[i] as number,
        page.codeIds[i] as string,
        coderName.get(page.coderIds[i] as string) ?? '',
        memo,
      );
    }
  }
  return packer.packed;
}

/** What a page is read by: the source, the layer shown (blind mode), where the last page ended, how many. */
interface PageValues {
  sourceId: string;
  layerId: string;
  afterStart: number;
  afterId: string;
  limit: number;
}

/** A page's form: of one layer or all, the first page or a later one. */
type PageShape = { layered: boolean; after: boolean };

/** A page of the source's segments in reading order (start, then id), after the last one's (a keyset in the index's order). */
function pageQuery(db: Db, v: PageValues, shape: PageShape) {
  let page = db
    .selectFrom('segments')
    .select(['id', 'start_offset', 'end_offset', 'code_id', 'coder_id'])
    .where('source_id', '=', v.sourceId);
  if (shape.layered) page = page.where('coder_id', '=', v.layerId);
  if (shape.after) page = page.where((eb) => eb(eb.refTuple('start_offset', 'id'), '>', eb.tuple(v.afterStart, v.afterId)));
  return page.orderBy('start_offset').orderBy('id').limit(v.limit);
}

/** The page as rows (SQLite), compiled once per form. */
const pageRows = shapedTemplate(pageQuery);

/** A page of a source's segments, one list per column, in reading order. */
interface CodingColumns {
  ids: string[];
  starts: number[];
  ends: number[];
  codeIds: string[];
  coderIds: string[];
}

/**
 * The source's segments (of one layer in blind mode) in reading order, a page at a time, each
 * statement compiled once per form (shapedTemplate), the event loop turning after each (pages.ts). On
 * PostgreSQL a page comes as one row of five joined lists rather than a thousand rows: parsing
 * rows was most of the server's work for the document view (issue 17: the node process spent 22
 * ms on 10,000 segments, 9 ms on them joined, and the database less too). SQLite hands its rows
 * over in this process, where joining them would cost more than it saves.
 */
async function* codingPages(
  db: Db,
  sourceId: string,
  layerId: string | null,
  pageRows = PAGE_ROWS,
): AsyncGenerator<CodingColumns> {
  const read = engineOf(db) === 'postgres' ? joinedColumns : rowColumns;
  let after: { start: number; id: string } | undefined;
  for (;;) {
    const shape = { layered: layerId !== null, after: after !== undefined };
    const values = { sourceId, layerId: layerId ?? '', afterStart: after?.start ?? 0, afterId: after?.id ?? '', limit: pageRows };
    const columns = await read(db, shape, values);
    await yieldToEventLoop();
    const n = columns.ids.length;
    if (n > 0) yield columns;
    if (n < pageRows) return;
    after = { start: columns.starts[n - 1] as number, id: columns.ids[n - 1] as string };
  }
}

/** A page read as rows, made columns. */
async function rowColumns(db: Db, shape: PageShape, values: PageValues): Promise<CodingColumns> {
  const rows = await pageRows(db, shape, values);
  return {
    ids: rows.map((r) => r.id),
    starts: rows.map((r) => r.start_offset),
    ends: rows.map((r) => r.end_offset),
    codeIds: rows.map((r) => r.code_id),
    coderIds: rows.map((r) => r.coder_id),
  };
}

/** Between the values of the joined page: a control character no id holds (checked by the count). */
const SEPARATOR = '\u001f';

/** What a joined page holds of each segment, in this order. */
const FIELDS = ['id', 'start_offset', 'end_offset', 'code_id', 'coder_id'] as const;

/**
 * A page's columns from one string the database joined in the page's order (PostgreSQL's
 * string_agg): each segment's five values in turn. One aggregate, so the page is sorted once.
 */
const joinedPage = shapedTemplate((db, v: PageValues, shape: PageShape) => {
  const fields = sql.join(
    FIELDS.map((f) => sql`cast(${sql.ref(`p.${f}`)} as text)`),
    sql`|| ${SEPARATOR} ||`,
  );
  return db
    .selectFrom(pageQuery(db, v, shape).as('p'))
    .select([
      sql<string | null>`string_agg(${fields}, ${SEPARATOR} order by p.start_offset, p.id)`.as('joined'),
      sql<number>`count(*)`.as('n'),
    ]);
});

/** A page read joined, split into columns; a count that does not match is refused rather than shifting them. */
async function joinedColumns(db: Db, shape: PageShape, pageValues: PageValues): Promise<CodingColumns> {
  const [row] = await joinedPage(db, shape, pageValues);
  if (!row) throw new Error('getSourceCoding: no row from an aggregate');
  const values = row.joined === null ? [] : row.joined.split(SEPARATOR);
  const n = Number(row.n);
  if (values.length !== n * FIELDS.length) throw new Error('getSourceCoding: an id holds the list separator');
  const columns: CodingColumns = { ids: [], starts: [], ends: [], codeIds: [], coderIds: [] };
  for (let i = 0; i < values.length; i += FIELDS.length) {
    columns.ids.push(values[i] as string);
    columns.starts.push(Number(values[i + 1]));
    columns.ends.push(Number(values[i + 2]));
    columns.codeIds.push(values[i + 3] as string);
    columns.coderIds.push(values[i + 4] as string);
  }
  return columns;
}
