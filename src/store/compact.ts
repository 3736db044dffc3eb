import { sql } from 'kysely';
import type { Store } from './db.js';

/**
 * After erasing personal data: copy the WAL into the database and truncate it, then rebuild the
 * database file (VACUUM), so no freed page or old WAL frame keeps a copy of what was deleted.
 * Runs through Kysely so it waits for any transaction in progress on the connection.
 */
export async function compactStore(store: Store): Promise<void> {
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
  await sql`VACUUM`.execute(store.db);
  await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
}
