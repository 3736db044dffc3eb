import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator } from 'kysely';
import { KodaError } from '../core/errors.js';
import { isEncrypted, rekeyStore, storeKey, unlock } from './encryption.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { WriteLockSqliteDialect } from './writeLock.js';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  /** Folder holding the database file, its key parameters, and the pseudonym keys. */
  dataDir: string;
  /** Whether the database is encrypted at rest. */
  encrypted: boolean;
  /** Encrypts the store under `passphrase`, or changes its passphrase. */
  rekey(passphrase: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The store's passphrase: required for an encrypted store; encrypts a new one. */
  passphrase?: string;
  /** How long a write waits for another process's writer before the store says it is busy. */
  writeWaitMs?: number;
}

/** The data folder: `--data`, else `KODA_DATA`, else `./koda-data`. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.KODA_DATA ?? 'koda-data');
}

export const DATABASE_FILE = 'koda.db';

/**
 * Opens (creating if needed) the embedded store in `dataDir` and brings its schema up to date.
 * WAL for concurrent readers, foreign keys on, synchronous=FULL so an acknowledged write survives
 * a power cut, and secure_delete so deleted rows are overwritten, not just unlinked.
 */
export async function openStore(dataDir: string, options: OpenOptions = {}): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  const fresh = !existsSync(file);
  const encrypted = isEncrypted(dataDir);
  if (encrypted && !options.passphrase) throw new KodaError('store.key-required', {}, 'forbidden');
  const sqlite = new SQLite(file);
  try {
    if (encrypted) unlock(sqlite, await storeKey(dataDir, options.passphrase as string));
    else if (fresh && options.passphrase) await rekeyStore(sqlite, dataDir, options.passphrase);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('secure_delete = ON');
  // Short: SQLite waits synchronously, blocking the event loop; the long wait for another
  // writer is WriteLockSqliteDialect's, asynchronous.
  sqlite.pragma('busy_timeout = 100');
  const db = new Kysely<Database>({ dialect: new WriteLockSqliteDialect(sqlite, options.writeWaitMs) });
  await migrate(db);
  const store: Store = {
    db,
    dataDir,
    encrypted: encrypted || (fresh && Boolean(options.passphrase)),
    rekey: async (passphrase) => {
      await rekeyStore(sqlite, dataDir, passphrase);
      store.encrypted = true;
    },
    close: () => db.destroy(),
  };
  return store;
}

export async function migrate(db: Db): Promise<void> {
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
}
