import { type Kysely, sql } from 'kysely';
import type { TextRange } from '../core/anchoring/range.js';
import { eachParagraph, PARAGRAPH_MAX } from '../core/queries/paragraphs.js';
import { ftsExpression } from '../core/queries/searchQuery.js';
import { STEM_LANGUAGES, type StemLanguage, stemmer } from '../core/queries/stemming.js';
import { words } from '../core/queries/words.js';
import { CodePointIndex } from '../core/text/codePoints.js';
import { type Db, engineOf } from './db.js';
import { mapInSlices, Slice, yieldToEventLoop } from './eventLoop.js';
import type { Database } from './schema.js';

/**
 * The text search index (migration 004): the paragraphs of every source, their words stemmed in
 * Swedish and English, in an FTS5 table on SQLite and a table of tsvectors on PostgreSQL. `syncSearchIndex` keeps it in step with the
 * texts: a source whose `text_hash` changed since it was indexed is indexed again, a deleted
 * source's paragraphs are dropped. Search runs it first, and so does every command that changes
 * or erases text (withdrawal, pseudonymisation), so no erased word stays findable or stored.
 */
export interface SearchSourceRow {
  source_id: string;
  project_id: string;
  text_hash: string;
  first_rowid: number;
  last_rowid: number;
  paragraphs: number;
}

type SearchDb = Kysely<Database & { search_sources: SearchSourceRow }>;

/** The FTS5 table; its name is also the column through which FTS5 takes commands. */
const FTS = 'search_paragraphs';
/** Paragraph rows per insert statement (6 parameters each). */
const CHUNK = 150;

const onSqlite = (db: Kysely<any>) => engineOf(db) === 'sqlite';

export interface SyncOptions {
  /** Merge the index into one segment afterwards, so no deleted entry survives in a page. */
  optimize?: boolean;
  /** Only update or drop sources already indexed; index no new ones (for commands that erase text). */
  refreshOnly?: boolean;
  /** Told after each source indexed (`done` of `total` to index). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Indexes sources elsewhere (a worker thread with a connection of its own), each as
   * indexOneSource does: their paragraph counts, null for one not written.
   */
  indexApart?: (sources: SourceToIndex[]) => Promise<(number | null)[]>;
}

/**
 * Texts to index adding up to this many code points are indexed apart when the caller can, in
 * batches of about as many (progress is told after each): stemming and writing them is seconds
 * of work, and on SQLite a COMMIT alone (the FTS5 flush and merges, the WAL's fsync) held the
 * event loop 150–280 ms for a 12-million-character subtitle file, and over 100 ms now and then
 * while a corpus of 500 transcripts was indexed.
 */
export const INDEX_APART_LENGTH = 1_000_000;

/** `sources` in order, cut into batches of about `length` code points (a longer source is a batch of its own). */
function batchesOf(sources: SourceToIndex[], length: number): SourceToIndex[][] {
  const out: SourceToIndex[][] = [];
  let batch: SourceToIndex[] = [];
  let size = 0;
  for (const source of sources) {
    batch.push(source);
    size += source.text_length;
    if (size >= length) {
      out.push(batch);
      batch = [];
      size = 0;
    }
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

export interface SyncResult {
  indexed: number;
  dropped: number;
  paragraphs: number;
}

/**
 * Brings the index of one project (or of every project) in step with the sources' texts. Outside
 * a transaction it works a source at a time: the stems are computed in slices with no
 * transaction open, then each source is written in its own short transaction, so a first build
 * over long transcripts neither holds the event loop nor keeps other requests' writes waiting.
 */
export async function syncSearchIndex(db: Db, projectId?: string, options: SyncOptions = {}): Promise<SyncResult> {
  const inOne = db.isTransaction;
  const step = <T>(body: (trx: SearchDb) => Promise<T>) =>
    inOne ? body(db as unknown as SearchDb) : db.transaction().execute((trx) => body(trx as unknown as SearchDb));
  const plan = await step((trx) => staleSources(trx, projectId, options));
  for (const row of plan.stale) await step((trx) => dropSource(trx, row));
  let paragraphCount = 0;
  let indexed = 0;
  const total = plan.todo.reduce((sum, source) => sum + source.text_length, 0);
  const apart = !inOne && total >= INDEX_APART_LENGTH ? options.indexApart : undefined;
  for (const batch of apart ? batchesOf(plan.todo, INDEX_APART_LENGTH) : plan.todo.map((source) => [source])) {
    const counts = apart ? await apart(batch) : [await indexOneSource(db, batch[0] as SourceToIndex, step)];
    for (const paragraphs of counts) {
      if (paragraphs === null) continue;
      paragraphCount += paragraphs;
      indexed++;
    }
    options.onProgress?.(indexed, plan.todo.length);
  }
  if (options.optimize && onSqlite(db))
    await step((trx) => sql`insert into ${sql.table(FTS)} (${sql.ref(FTS)}) values ('optimize')`.execute(trx));
  return { indexed, dropped: plan.stale.length, paragraphs: paragraphCount };
}

export type SourceToIndex = { id: string; project_id: string; text_hash: string; text_length: number };

/**
 * Reads one source's text, stems its paragraphs in slices and writes them in one transaction (a
 * step of its own unless `db` is one): its paragraph count, or null when the text changed or
 * went meanwhile, or another sync indexed it first.
 */
export async function indexOneSource(
  db: Db,
  source: SourceToIndex,
  step = <T>(body: (trx: SearchDb) => Promise<T>) => db.transaction().execute((trx) => body(trx as unknown as SearchDb)),
): Promise<number | null> {
  const text = await (db as unknown as SearchDb)
    .selectFrom('sources')
    .select('text')
    .where('id', '=', source.id)
    .where('text_hash', '=', source.text_hash)
    .executeTakeFirst();
  // Changed or deleted meanwhile: the next sync sees it as it is then.
  if (!text) return null;
  const rows = await paragraphRows(text.text);
  return (await step((trx) => indexSource(trx, source, rows))) ? rows.length : null;
}

/** Indexed sources whose text changed or went, and sources to index. */
async function staleSources(db: SearchDb, projectId: string | undefined, options: SyncOptions) {
  let sources = db.selectFrom('sources').select(['id', 'project_id', 'text_hash', 'text_length']);
  let indexed = db.selectFrom('search_sources').selectAll();
  if (projectId) {
    sources = sources.where('project_id', '=', projectId);
    indexed = indexed.where('project_id', '=', projectId);
  }
  const current = new Map((await sources.execute()).map((s) => [s.id, s]));
  const done = await indexed.execute();
  const stale = done.filter((row) => current.get(row.source_id)?.text_hash !== row.text_hash);
  const kept = new Set(done.filter((row) => !stale.includes(row)).map((row) => row.source_id));
  const before = new Set(done.map((r) => r.source_id));
  const todo = [...current.values()].filter((s) => !kept.has(s.id) && (!options.refreshOnly || before.has(s.id)));
  return { stale, todo };
}

async function dropSource(db: SearchDb, row: SearchSourceRow): Promise<void> {
  await sql`delete from ${sql.table(FTS)} where rowid between ${row.first_rowid} and ${row.last_rowid}`.execute(db);
  await db.deleteFrom('search_sources').where('source_id', '=', row.source_id).execute();
}

/**
 * Writes one source's paragraphs, unless it was indexed meanwhile (another search's sync) or its
 * text changed since the stems were computed. Returns whether it wrote them.
 */
async function indexSource(db: SearchDb, source: SourceToIndex, rows: ParagraphRow[]): Promise<boolean> {
  const now = await db.selectFrom('sources').select('text_hash').where('id', '=', source.id).executeTakeFirst();
  const already = await db.selectFrom('search_sources').select('source_id').where('source_id', '=', source.id).executeTakeFirst();
  if (now?.text_hash !== source.text_hash || already) return false;
  const last = await sql<{ rowid: number }>`select rowid from ${sql.table(FTS)} order by rowid desc limit 1`.execute(db);
  const first = Number(last.rows[0]?.rowid ?? 0) + 1;
  for (let i = 0; i < rows.length; i += CHUNK) {
    if (i > 0) await yieldToEventLoop();
    const values = rows.slice(i, i + CHUNK).map((r, k) => {
      const [sv, en] = onSqlite(db) ? [sql`${r.sv}`, sql`${r.en}`] : [toTsvector(r.sv), toTsvector(r.en)];
      return sql`(${first + i + k}, ${sv}, ${en}, ${source.id}, ${r.start}, ${r.end})`;
    });
    await sql`insert into ${sql.table(FTS)} (rowid, sv, en, source_id, start_offset, end_offset) values ${sql.join(values)}`.execute(
      db,
    );
  }
  await db
    .insertInto('search_sources')
    .values({
      source_id: source.id,
      project_id: source.project_id,
      text_hash: source.text_hash,
      // An empty source holds no rowids: an empty range (first > last) deletes nothing later.
      first_rowid: rows.length > 0 ? first : 1,
      last_rowid: rows.length > 0 ? first + rows.length - 1 : 0,
      paragraphs: rows.length,
    })
    .execute();
  return true;
}

interface ParagraphRow {
  start: number;
  end: number;
  sv: string;
  en: string;
}

/** A text's paragraphs with their stems in each language, joined by spaces; stemmed in slices. */
export async function paragraphRows(text: string): Promise<ParagraphRow[]> {
  // Reading a long text is a hold of its own: the index and the first paragraph wait a turn.
  await yieldToEventLoop();
  const index = new CodePointIndex(text);
  const sv = stemmer('sv');
  const en = stemmer('en');
  return mapInSlices(eachParagraph(text, PARAGRAPH_MAX, index), (p) => {
    const found = words(index.slice(p.start, p.end));
    return { start: p.start, end: p.end, sv: found.map((w) => sv(w.text)).join(' '), en: found.map((w) => en(w.text)).join(' ') };
  });
}

export const SEARCH_COLUMNS = STEM_LANGUAGES;

export interface ParagraphHit {
  rowid: number;
  sourceId: string;
}

/**
 * The stems are Koda's own (core/queries/stemming.ts) on both engines, so both find the same
 * paragraphs: PostgreSQL's `simple` configuration only splits them into words, adding no
 * stemming or stop words of its own.
 */
const toTsvector = (stems: string) => sql`to_tsvector('simple', ${stems})`;

/** Each term as a phrase of its stems in any of the languages, all terms required. */
function tsqueryCondition(stems: TermStems, termCount: number) {
  const terms = Array.from({ length: termCount }, (_, i) => {
    const alternatives = Object.entries(stems).map(
      ([lang, perTerm]) => sql`${sql.ref(lang)} @@ phraseto_tsquery('simple', ${(perTerm?.[i] ?? []).join(' ')})`,
    );
    return sql`(${sql.join(alternatives, sql` or `)})`;
  });
  return sql.join(terms, sql` and `);
}

type TermStems = Partial<Record<StemLanguage, string[][]>>;

/**
 * Matching rowids read at a time: a common word can match most of a corpus's paragraphs (the
 * bench's subtitle file alone, 233,000). SQLite reads a page per statement; PostgreSQL runs one
 * statement and hands its rows over through a cursor, a page at a time, since another statement
 * per page would look up every match again.
 */
const MATCH_PAGE = 5000;

/**
 * The matching paragraphs' rowids, in rowid order, a page at a time with a turn of the event loop
 * between: on SQLite a statement runs on the server's own thread, so one that returned every
 * match of a common word would hold it (FTS5 yields matches in rowid order, so each page starts
 * where the last ended at no extra cost). On PostgreSQL the matches are found through the GIN
 * indexes first (materialized), then ordered: left to itself the planner walked the primary key
 * in rowid order and tested every paragraph's tsvectors, several times slower. Its rows come
 * through a cursor: read whole, a quarter of a million of them held the event loop 150 ms.
 */
async function matchingRowids(db: Db, stems: TermStems, termCount: number, pageSize = MATCH_PAGE): Promise<number[]> {
  const out: number[] = [];
  if (!onSqlite(db)) {
    const matches = sql<{ rowid: number }>`
      with m as materialized (select rowid from ${sql.table(FTS)} where ${tsqueryCondition(stems, termCount)})
      select rowid from m order by rowid`;
    for await (const page of db.getExecutor().stream(matches.compile(db), pageSize)) {
      for (const r of page.rows) out.push(Number(r.rowid));
      await yieldToEventLoop();
    }
    return out;
  }
  const matches = sql`select rowid from ${sql.table(FTS)} where ${sql.ref(FTS)} match ${ftsExpression(stems, termCount)}`;
  for (let after = 0; ; ) {
    const rows = await sql<{ rowid: number }>`${matches} and rowid > ${after} order by rowid limit ${pageSize}`.execute(db);
    for (const r of rows.rows) out.push(Number(r.rowid));
    if (rows.rows.length < pageSize) return out;
    after = out[out.length - 1] as number;
    await yieldToEventLoop();
  }
}

/**
 * Paragraphs of a project holding every term (its stems per language, as `stemTerms` gives
 * them), as rowids with their source, in rowid order (a source's paragraphs in reading order): the match reads the index only (no row is looked up), and
 * the project's sources are told apart by the rowid ranges they were indexed under.
 */
export async function matchParagraphs(
  db: Db,
  projectId: string,
  stems: TermStems,
  termCount: number,
  /** Rowids read per statement; tests make it small to cross page boundaries. */
  pageSize?: number,
): Promise<ParagraphHit[]> {
  const ranges = await (db as unknown as SearchDb)
    .selectFrom('search_sources')
    .select(['source_id', 'first_rowid', 'last_rowid'])
    .where('project_id', '=', projectId)
    .orderBy('first_rowid')
    .execute();
  const out: ParagraphHit[] = [];
  const slice = new Slice();
  for (const rowid of await matchingRowids(db, stems, termCount, pageSize)) {
    if (slice.due()) await slice.pause();
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((ranges[mid] as { last_rowid: number }).last_rowid < rowid) lo = mid + 1;
      else hi = mid;
    }
    const range = ranges[lo];
    if (range && range.first_rowid <= rowid) out.push({ rowid, sourceId: range.source_id });
  }
  return out;
}

/** Where each paragraph lies in its source (code points), by rowid. */
export async function paragraphBounds(db: Db, rowids: readonly number[]): Promise<Map<number, TextRange>> {
  const out = new Map<number, TextRange>();
  for (let i = 0; i < rowids.length; i += 500) {
    const part = rowids.slice(i, i + 500);
    const result = await sql<{ rowid: number; start_offset: number; end_offset: number }>`
      select rowid, start_offset, end_offset from ${sql.table(FTS)} where rowid in (${sql.join(part)})`.execute(db);
    for (const r of result.rows) out.set(Number(r.rowid), { start: Number(r.start_offset), end: Number(r.end_offset) });
  }
  return out;
}
