import { type Kysely, sql } from 'kysely';
import { onSqlite } from './types.js';

/**
 * The big values an import writes (a source's text, its original file's pieces) are compressed
 * by PostgreSQL with lz4 rather than its default pglz, where the server is built with lz4 (most
 * are): pglz took 6 ms of each transcript's 21 ms of statements for the text and 5 ms for the
 * original, lz4 under 2 each, and the import rate is one of the rows PostgreSQL must keep within
 * 2× of SQLite (issue 13). Only values written from now on change. SQLite stores them as they are.
 */
const COLUMNS = [
  ['sources', 'text'],
  ['original_pieces', 'bytes'],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (!(await lz4Available(db))) return;
  for (const [table, column] of COLUMNS)
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} set compression lz4`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (!(await lz4Available(db))) return;
  for (const [table, column] of COLUMNS)
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} set compression default`.execute(db);
}

/** Whether this is PostgreSQL built with lz4 (the setting lists the methods the server has). */
async function lz4Available(db: Kysely<unknown>): Promise<boolean> {
  if (onSqlite(db)) return false;
  const { rows } = await sql<{ n: number | string }>`
    select count(*) as n from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`.execute(db);
  return Number(rows[0]?.n) > 0;
}
