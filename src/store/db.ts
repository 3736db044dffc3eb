import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { Kysely, Migrator, SqliteAdapter } from 'kysely';
import { KodaError } from '../core/errors.js';
import { type FeedHandlers, type FeedListener, type ListenOptions, listenForChanges } from './changeFeed.js';
import { assertTransportSafe, parseDatabaseUrl } from './databaseUrl.js';
import { EmptyInListPlugin } from './emptyInList.js';
import { isEncrypted, rekeyStore, storeKey, unlock } from './encryption.js';
import { migrationProvider } from './migrations/index.js';
import { connectPostgres } from './postgres.js';
import { ReaderConnection } from './readerConnection.js';
import type { Database } from './schema.js';
import { BackgroundCheckpoints } from './walCheckpoints.js';
import { WriteLockSqliteDialect } from './writeLock.js';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  /** 'sqlite': the embedded file in the data folder; 'postgres': the team store named by a URL. */
  engine: Engine;
  /** Where the data is, fit to print: the data folder, or the database URL without its password. */
  location: string;
  /** Folder holding the embedded database file, its key parameters, and the pseudonym keys. */
  dataDir: string;
  /** Whether this open made the store: a new file, or an empty PostgreSQL database given its schema. */
  created: boolean;
  /** Whether the database is encrypted at rest. */
  encrypted: boolean;
  /**
   * What a worker thread needs to open a connection of its own to this store, for work too long
   * for the event loop: the data folder, and the raw key of an encrypted one or the database's URL.
   */
  workerAccess?: WorkerAccess;
  /** Encrypts the store under `passphrase`, or changes its passphrase. */
  rekey(passphrase: string): Promise<void>;
  /**
   * PostgreSQL only: follows the changes every Koda process commits to the database (changeFeed.ts).
   * Absent on SQLite, whose changes are told in-process.
   */
  listen?: (handlers: FeedHandlers, options?: ListenOptions) => Promise<FeedListener>;
  close(): Promise<void>;
}

export type Engine = 'sqlite' | 'postgres';

export interface WorkerAccess {
  dataDir: string;
  /** An encrypted embedded store's raw key. */
  key?: Buffer;
  /** The team store's URL (with its password), and whether it may go without TLS. */
  database?: string;
  allowPlaintext?: boolean;
}

/** The engine a handle (or a transaction of it) talks to, where the two differ in how much work a statement should do. */
export const engineOf = (db: Kysely<any>): Engine => (db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres');

export interface OpenOptions {
  /** A PostgreSQL URL (`--database`, `KODA_DATABASE_URL`): the team store instead of the data folder's file. */
  database?: string;
  /** Allow a connection without TLS to a PostgreSQL server on another computer. */
  allowPlaintext?: boolean;
  /** The store's passphrase: required for an encrypted store; encrypts a new one. */
  passphrase?: string;
  /** How long a write waits for another process's writer before the store says it is busy. */
  writeWaitMs?: number;
  /**
   * The server's: the embedded store's WAL is copied back on a worker thread, not inside the
   * COMMIT that fills it (walCheckpoints.ts). A command that runs and exits keeps SQLite's own.
   */
  checkpointInBackground?: boolean;
  /** An encrypted store's raw key, for a worker thread opening a store its main thread unlocked. */
  key?: Buffer;
}

/** The data folder: `--data`, else `KODA_DATA`, else `./koda-data`. */
export function resolveDataDir(flag?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(flag ?? env.KODA_DATA ?? 'koda-data');
}

export const DATABASE_FILE = 'koda.db';

/** Whether the data folder holds an embedded store (opening one would create it). */
export const hasEmbeddedStore = (dataDir: string): boolean => existsSync(join(dataDir, DATABASE_FILE));

/**
 * Opens (creating if needed) the embedded store in `dataDir` and brings its schema up to date.
 * WAL for concurrent readers, foreign keys on, synchronous=FULL so an acknowledged write survives
 * a power cut, and secure_delete so deleted rows are overwritten, not just unlinked.
 */
export async function openStore(dataDir: string, options: OpenOptions = {}): Promise<Store> {
  if (options.database) return openPostgresStore(dataDir, options.database, options);
  return openSqliteStore(dataDir, options);
}

/**
 * How long a statement waits on the event loop for another connection's lock before the wait
 * goes on asynchronously (writeLock.ts): each try of a change made while an import writes on a
 * worker thread held the loop for it (100 ms, before).
 */
const SYNCHRONOUS_BUSY_MS = 5;

/**
 * The pages each connection keeps decoded, in KiB (SQLite's `cache_size` as a negative number).
 * better-sqlite3 builds SQLite with 16 MB a connection: the writer and the reader together held
 * most of a 20 MB store in the server's own memory, on top of the system's file cache (issue 17,
 * row 7: the server over 200 MiB). Reading a page the cache no longer holds is a read from the
 * file cache (and a decryption when the store is encrypted).
 */
const PAGE_CACHE_KIB = 4000;

/** The most of its WAL file a store keeps on disk once the WAL has been copied back. */
const WAL_KEPT_BYTES = 64 * 1024 * 1024;

async function openSqliteStore(dataDir: string, options: OpenOptions): Promise<Store> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, DATABASE_FILE);
  const fresh = !existsSync(file);
  const encrypted = isEncrypted(dataDir);
  if (encrypted && !options.passphrase && !options.key) throw new KodaError('store.key-required', {}, 'forbidden');
  const sqlite = new SQLite(file);
  let key: Buffer | undefined;
  try {
    if (encrypted) {
      key = options.key ?? (await storeKey(dataDir, options.passphrase as string));
      unlock(sqlite, key);
    } else if (fresh && options.passphrase) key = await rekeyStore(sqlite, dataDir, options.passphrase);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('secure_delete = ON');
  sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
  // A WAL that a big import grew to hundreds of MB is cut back to this when it starts over.
  sqlite.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
  // Short: SQLite waits synchronously, blocking the event loop; the long wait for another
  // writer (a worker thread's import, another process) is WriteLockSqliteDialect's, asynchronous.
  sqlite.pragma(`busy_timeout = ${SYNCHRONOUS_BUSY_MS}`);
  const checkpoints = options.checkpointInBackground ? new BackgroundCheckpoints(sqlite, file) : undefined;
  checkpoints?.start(key);
  const reader = new ReaderConnection(() => openReader(file, key));
  const db = new Kysely<Database>({
    dialect: new WriteLockSqliteDialect(sqlite, {
      reader,
      waitMs: options.writeWaitMs,
      written: () => checkpoints?.written(),
    }),
    plugins: [new EmptyInListPlugin()],
  });
  const close = async () => {
    await checkpoints?.stop();
    await db.destroy();
  };
  await migrate(db).catch(async (e) => {
    await close();
    throw e;
  });
  const store: Store = {
    db,
    created: fresh,
    engine: 'sqlite',
    location: dataDir,
    dataDir,
    encrypted: encrypted || (fresh && Boolean(options.passphrase)),
    workerAccess: { dataDir, key },
    rekey: async (passphrase) => {
      const rekey = async () => {
        key = await reader.whileClosed(() => rekeyStore(sqlite, dataDir, passphrase));
        store.workerAccess = { dataDir, key };
        return key;
      };
      await (checkpoints ? checkpoints.whileStopped(rekey) : rekey());
      store.encrypted = true;
    },
    close,
  };
  return store;
}

/** The store's reader (readerConnection.ts): unlocked with the store's key, refusing writes. */
function openReader(file: string, key: Buffer | undefined): SQLite.Database {
  const sqlite = new SQLite(file);
  try {
    if (key) unlock(sqlite, key);
    sqlite.pragma('query_only = ON');
    sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    sqlite.pragma(`busy_timeout = ${SYNCHRONOUS_BUSY_MS}`);
  } catch (e) {
    sqlite.close();
    throw e;
  }
  return sqlite;
}

/**
 * The team store: the database named by `url`. At rest it is protected by the institution's disk
 * encryption, not by a Koda passphrase; in transit by TLS (databaseUrl.ts refuses plain text to
 * another computer unless told otherwise).
 */
async function openPostgresStore(dataDir: string, url: string, options: OpenOptions): Promise<Store> {
  const target = parseDatabaseUrl(url);
  assertTransportSafe(target, options.allowPlaintext ?? false);
  if (options.passphrase) throw new KodaError('store.passphrase-postgres', {});
  const db = await connectPostgres(target, { writeWaitMs: options.writeWaitMs });
  const created = await migrate(db).catch(async (e) => {
    await db.destroy();
    throw e;
  });
  return {
    db,
    created,
    engine: 'postgres',
    location: target.redacted,
    dataDir,
    encrypted: false,
    workerAccess: { dataDir, database: url, allowPlaintext: options.allowPlaintext },
    rekey: async () => {
      throw new KodaError('store.passphrase-postgres', {});
    },
    listen: (handlers, listenOptions) => listenForChanges(target, handlers, listenOptions),
    close: () => db.destroy(),
  };
}

/**
 * Brings the schema up to date, after making sure the database is Koda's (or empty) and no newer
 * Koda has migrated it: either way nothing is written and the user gets one line.
 */
export async function migrate(db: Db): Promise<boolean> {
  const empty = await assertKodaSchema(db);
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return empty;
}

/** Refuses a database that is not Koda's or is newer; says whether it is empty. */
async function assertKodaSchema(db: Db): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  const names = new Set(tables.map((t) => t.name));
  if (names.size === 0) return true;
  if (!names.has('kysely_migration')) throw new KodaError('store.not-koda', {});
  const ran = await db
    .withoutPlugins()
    .selectFrom('kysely_migration' as never)
    .select('name' as never)
    .execute();
  const known = new Set(Object.keys(await migrationProvider.getMigrations()));
  if ((ran as { name: string }[]).some((r) => !known.has(r.name))) throw new KodaError('store.newer-version', {});
  return false;
}
