import { type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely, sql } from 'kysely';
import { onSqlite } from './types.js';

/**
 * On SQLite, a source's text becomes the last column of its row. SQLite keeps a row's columns in
 * order and a long text spills onto overflow pages: reading any column after it (its length, its
 * date, its metadata) followed the text page by page, 16 µs per 80,000 characters, so listing a
 * project's 500 transcripts with their lengths took 9.8 ms where their names alone took 0.3, and
 * agreement, the source list and the coding query paid it on every call (issue 17). PostgreSQL
 * keeps long text apart (TOAST): its table stays as it is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (onSqlite(db)) await rebuildSources(db, [...OTHER_COLUMNS, 'text']);
}

/** Back to the order of migrations 001, 003 and 007: the text after the case. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (onSqlite(db)) await rebuildSources(db, Object.keys(DEFINITIONS) as Column[]);
}

type Column = keyof typeof DEFINITIONS;

/**
 * `sources` made anew with its columns in `order`, every row copied with its rowid. A column's
 * place cannot be changed in place; this is SQLite's guide to schema changes: foreign keys off
 * (the pragma takes only outside a transaction, and migrations on SQLite run outside one), the
 * copy, drop and rename in one transaction, and the foreign keys checked before its commit.
 */
async function rebuildSources(db: Kysely<unknown>, order: Column[]): Promise<void> {
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      let table: CreateTableBuilder<string, string> = trx.schema.createTable('sources_rebuilt');
      for (const column of order) table = table.addColumn(column, DEFINITIONS[column][0], DEFINITIONS[column][1]);
      await table.addUniqueConstraint('sources_project_name', ['project_id', 'name']).execute();
      const columns = sql.join(order.map((c) => sql.ref(c)));
      await sql`insert into sources_rebuilt (rowid, ${columns}) select rowid, ${columns} from sources`.execute(trx);
      await trx.schema.dropTable('sources').execute();
      await trx.schema.alterTable('sources_rebuilt').renameTo('sources').execute();
      await trx.schema
        .createIndex('sources_text_hash')
        .on('sources')
        .columns(['project_id', 'text_hash', 'text_length'])
        .execute();
      await trx.schema.createIndex('sources_case').on('sources').column('case_id').execute();
      const broken = await sql`pragma foreign_key_check`.execute(trx);
      if (broken.rows.length > 0) throw new Error(`${broken.rows.length} rows refer to a source that is not there`);
    });
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

const notNull = (c: ColumnDefinitionBuilder) => c.notNull();

/** Each column of `sources` as migrations 001, 003 and 007 made it, in their order. */
const DEFINITIONS = {
  id: ['text', (c: ColumnDefinitionBuilder) => c.primaryKey()],
  project_id: ['text', (c: ColumnDefinitionBuilder) => c.notNull().references('projects.id')],
  name: ['text', notNull],
  kind: ['text', notNull],
  case_id: ['text', (c: ColumnDefinitionBuilder) => c.references('cases.id')],
  text: ['text', notNull],
  text_length: ['integer', notNull],
  text_hash: ['text', notNull],
  original_name: ['text', notNull],
  original_media_type: ['text', notNull],
  original_hash: ['text', notNull],
  metadata: ['text', notNull],
  created_at: ['text', notNull],
  verified_at: ['text', (c: ColumnDefinitionBuilder) => c],
  delete_original_when_verified: ['integer', (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0)],
  original_deleted_at: ['text', (c: ColumnDefinitionBuilder) => c],
  delete_recording_when_verified: ['integer', (c: ColumnDefinitionBuilder) => c.notNull().defaultTo(0)],
  recording_deleted_at: ['text', (c: ColumnDefinitionBuilder) => c],
} as const;

const OTHER_COLUMNS = (Object.keys(DEFINITIONS) as Column[]).filter((c) => c !== 'text');
