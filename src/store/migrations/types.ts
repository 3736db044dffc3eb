import { type Kysely, SqliteAdapter, sql } from 'kysely';

/** Whether a migration runs on the embedded store (SQLite) rather than PostgreSQL. */
export const onSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

/** Binary data: `blob` on SQLite, `bytea` on PostgreSQL. */
export function binaryType(db: Kysely<unknown>) {
  return onSqlite(db) ? sql`blob` : sql`bytea`;
}

/**
 * Text that sorts and compares by code point on both engines: SQLite's default (BINARY), and the
 * "C" collation on PostgreSQL, whose default follows the server's locale and would order names
 * differently.
 */
export function textType(db: Kysely<unknown>) {
  return onSqlite(db) ? sql`text` : sql`text collate "C"`;
}
