import { sql } from 'kysely';
import { KodaError } from '../core/errors.js';
import type { Store } from './db.js';

/**
 * After erasing personal data: copy the WAL into the database and truncate it, then rebuild the
 * database file (VACUUM), so no freed page or old WAL frame keeps a copy of what was deleted.
 * Runs through Kysely so it waits for any transaction in progress on the connection.
 */
export async function compactStore(store: Store): Promise<void> {
  if (store.engine === 'postgres') return vacuumTables(store);
  await truncateWal(store);
  await sql`VACUUM`.execute(store.db);
  await truncateWal(store);
}

/**
 * A TRUNCATE checkpoint gives up (busy) while another connection checkpoints or reads an older
 * snapshot: the server's checkpoint worker, a CLI command. It is tried again until the WAL is
 * empty, for up to 30 s, and the erasure fails rather than leave old frames behind.
 */
async function truncateWal(store: Store): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await sql<{ busy: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(store.db);
    if (rows[0]?.busy === 0) return;
    if (Date.now() > deadline) throw new KodaError('store.busy', {}, 'busy');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * PostgreSQL keeps a deleted or updated row's old version until VACUUM reclaims it: VACUUM FULL
 * rewrites each of Koda's tables without those versions (texts, names and memos sit in most of
 * them). It locks each table while it rewrites it, a few moments on a study's worth of rows.
 * What protects the freed disk blocks (and the server's WAL and backups) is the institution's
 * disk encryption (README).
 */
async function vacuumTables(store: Store): Promise<void> {
  await untilNoOlderSnapshot(store);
  const tables = (await store.db.introspection.getTables()).filter((t) => !t.isView).map((t) => sql.table(t.name));
  await sql`VACUUM (FULL) ${sql.join(tables)}`.execute(store.db);
}

/**
 * VACUUM FULL keeps a deleted row's old version while a transaction that began before the
 * deletion may still read it: another server's long read, or autovacuum's ANALYZE. Wait (up to
 * 30 s) until no other session of this database holds a snapshot, so the rewrite drops them all.
 */
async function untilNoOlderSnapshot(store: Store): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*) as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and backend_xmin is not null`.execute(store.db);
    if (Number(rows[0]?.n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
