import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * The one column type the two engines spell differently. Everything else in the schema
 * (text, integer) is the same word on SQLite and PostgreSQL.
 */
export function binaryType(db: Kysely<unknown>) {
  return db.getExecutor().adapter instanceof SqliteAdapter ? sql`blob` : sql`bytea`;
}
