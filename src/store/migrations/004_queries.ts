import { type Kysely, sql } from 'kysely';
import { onSqlite, textType } from './types.js';

/**
 * Queries and search.
 *
 * 1. `segments_aggregate`: a covering index for the code × case and code × source tallies of
 *    matrices, frequencies and reports, so they read the index only, never the segments' text.
 * 2. The text search index. `search_sources` (both engines) records which text of each source
 *    is indexed (its `text_hash`) and the rowids its paragraphs hold, so store/searchIndex.ts
 *    reindexes only what changed and drops what was deleted. On SQLite the paragraphs live in
 *    the FTS5 table `search_paragraphs`: one row per paragraph with the source id, the
 *    paragraph's `[start_offset, end_offset)` in code points, and its words stemmed in Swedish
 *    (column `sv`) and English (column `en`), stemmed in JavaScript (core/queries/stemming.ts)
 *    so that queries are stemmed the same way. `secure-delete` makes a deleted paragraph's
 *    terms leave the index at once rather than linger until a merge.
 *
 * The PostgreSQL engine creates instead a plain table `search_paragraphs (rowid bigint primary
 * key, source_id text, start_offset integer, end_offset integer, sv tsvector, en tsvector)`
 * with a GIN index on each tsvector column, filled by the same sync with
 * `to_tsvector('simple', <the JavaScript stems>)`, and answers a query with
 * `sv @@ to_tsquery('simple', …)` (phrases as `<->`): the `simple` configuration keeps
 * PostgreSQL's own stemming out of it, so both engines find the same paragraphs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const text = textType(db);
  await db.schema
    .createIndex('segments_aggregate')
    .on('segments')
    .columns(['code_id', 'source_id', 'coder_id', 'start_offset', 'end_offset'])
    .execute();
  await db.schema
    .createTable('search_sources')
    .addColumn('source_id', text, (c) => c.primaryKey())
    .addColumn('project_id', text, (c) => c.notNull())
    .addColumn('text_hash', text, (c) => c.notNull())
    .addColumn('first_rowid', 'integer', (c) => c.notNull())
    .addColumn('last_rowid', 'integer', (c) => c.notNull())
    .addColumn('paragraphs', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_sources_project').on('search_sources').column('project_id').execute();
  if (onSqlite(db)) {
    await sql`create virtual table search_paragraphs using fts5(
      sv, en, source_id unindexed, start_offset unindexed, end_offset unindexed,
      tokenize = 'unicode61 remove_diacritics 0'
    )`.execute(db);
    await sql`insert into search_paragraphs (search_paragraphs, rank) values ('secure-delete', 1)`.execute(db);
  } else {
    await sql`create table search_paragraphs (
      rowid bigint primary key, source_id text collate "C" not null,
      start_offset integer not null, end_offset integer not null, sv tsvector not null, en tsvector not null
    )`.execute(db);
    await sql`create index search_paragraphs_sv on search_paragraphs using gin (sv)`.execute(db);
    await sql`create index search_paragraphs_en on search_paragraphs using gin (en)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table search_paragraphs`.execute(db);
  await db.schema.dropTable('search_sources').execute();
  await db.schema.dropIndex('segments_aggregate').execute();
}
