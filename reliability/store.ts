import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { sql } from 'kysely';
import { DATABASE_FILE, openStore, type Store } from '../src/store/db.js';

/** What a store says about itself after a crash: SQLite's integrity check and foreign keys. */
export interface Health {
  /** `ok`, or the first problems `PRAGMA integrity_check` found (or why the store would not open). */
  integrity: string;
  /** Rows pointing at rows that are not there (`PRAGMA foreign_key_check`). */
  danglingRows: number;
}

export const corrupt = (h: Health) => h.integrity !== 'ok' || h.danglingRows > 0;

/** Opens the store the way Koda does (recovering the WAL), runs `inspect`, closes it. */
export async function withStore<T>(dataDir: string, inspect: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(dataDir);
  try {
    return await inspect(store);
  } finally {
    await store.close();
  }
}

export async function storeHealth(store: Store): Promise<Health> {
  const integrity = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(store.db);
  const dangling = await sql`PRAGMA foreign_key_check`.execute(store.db);
  const problems = integrity.rows.map((r) => r.integrity_check);
  return { integrity: problems.join('; ').slice(0, 200), danglingRows: dangling.rows.length };
}

/** Health of a store that may not even open. */
export async function checkStore(dataDir: string): Promise<Health> {
  try {
    return await withStore(dataDir, storeHealth);
  } catch (e) {
    return { integrity: `does not open: ${(e as Error).message}`.slice(0, 200), danglingRows: 0 };
  }
}

/**
 * Counts rows of a table while another process writes to the store: a read-only connection
 * (WAL lets it read beside the writer), or -1 while the store cannot be read yet.
 */
export function countRows(dataDir: string, table: 'sources' | 'segments'): number {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true, timeout: 200 });
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } catch {
    return -1;
  } finally {
    db?.close();
  }
}
