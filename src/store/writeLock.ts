import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery, type DatabaseConnection, type Driver, SqliteDialect, SqliteDriver } from 'kysely';
import { KodaError } from '../core/errors.js';
import { PreparedStatements } from './preparedStatements.js';

/**
 * Several writers share one SQLite store (the server, CLI commands, an import in another
 * terminal). Every transaction Koda opens writes, so each takes the write lock up front
 * (BEGIN IMMEDIATE): a deferred BEGIN reads first and fails with "database is locked" when
 * another writer commits before it upgrades. Waiting for the lock happens here, asynchronously,
 * so the event loop stays free; when the wait runs out the store says it is busy, in words.
 */

/** How long a transaction waits for another process's writer by default. */
const DEFAULT_WRITE_WAIT_MS = 30_000;

/** The longest pause between two attempts to take the lock. */
const MAX_PAUSE_MS = 250;

/** A transaction open this long is likely to have written much: its WAL is synced before its COMMIT. */
const LONG_TRANSACTION_MS = 200;

/** Flushes a file's written pages to disk on a thread of libuv's pool. */
async function syncFile(path: string): Promise<void> {
  const file = await open(path, 'r+').catch(() => null);
  if (!file) return;
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
}

const storeBusy = () => new KodaError('store.busy', {}, 'busy');

/** SQLITE_BUSY and its extended codes (_SNAPSHOT, _RECOVERY, _TIMEOUT): another connection holds a lock. */
const isSqliteBusy = (e: unknown) =>
  typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('SQLITE_BUSY');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class WaitingSqliteDriver extends SqliteDriver {
  #raw: DatabaseConnection | undefined;
  #waiting: DatabaseConnection | undefined;
  #began = 0;
  readonly #statements: PreparedStatements;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly waitMs: number,
    private readonly written: () => void,
  ) {
    super({ database: sqlite });
    this.#statements = new PreparedStatements(sqlite);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    this.#raw = await super.acquireConnection();
    this.#waiting ??= this.#waitingConnection(this.#raw);
    return this.#waiting;
  }

  /**
   * Outside a transaction a statement that meets another writer (a write, VACUUM) is tried again
   * until the wait runs out; inside one, which holds the lock already, SQLITE_BUSY cannot be waited
   * out and is the store-busy error at once. Statements are prepared once (preparedStatements.ts).
   */
  #waitingConnection(raw: DatabaseConnection): DatabaseConnection {
    return {
      executeQuery: async <R>(query: CompiledQuery) => {
        const inTransaction = this.sqlite.inTransaction;
        const result = await this.#untilFree(() => this.#statements.executeQuery<R>(query), inTransaction ? null : sleep);
        if (!inTransaction && this.#statements.lastMayHaveWritten) this.written();
        return result;
      },
      streamQuery: (query, chunkSize) => raw.streamQuery(query, chunkSize),
    };
  }

  async #beginImmediate(): Promise<void> {
    // Between tries no transaction is open: this process's own queries may use the connection.
    await this.#untilFree(
      () => this.#statements.executeQuery(CompiledQuery.raw('begin immediate')),
      async (ms) => {
        await this.releaseConnection();
        await sleep(ms);
        await this.acquireConnection();
      },
    );
  }

  override async beginTransaction(_connection: DatabaseConnection): Promise<void> {
    await this.#beginImmediate();
    this.#began = performance.now();
  }

  /**
   * A COMMIT syncs the WAL to disk, every page the transaction wrote: for a big import tens of MB,
   * 100–150 ms on the event loop. A long transaction's pages are synced first by a thread of the
   * pool, asynchronously, so the COMMIT syncs only what is left (the sync is of the file, whoever
   * asks). A short one commits at once: two syncs would cost it more than they save.
   */
  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    if (performance.now() - this.#began > LONG_TRANSACTION_MS) await syncFile(`${this.sqlite.name}-wal`);
    await super.commitTransaction(connection);
    this.written();
  }

  /** Runs `attempt` again after `pause` while another writer holds the lock, until the wait runs out. */
  async #untilFree<T>(attempt: () => Promise<T>, pause: ((ms: number) => Promise<unknown>) | null): Promise<T> {
    const started = Date.now();
    for (let ms = 10; ; ms = Math.min(ms * 2, MAX_PAUSE_MS)) {
      try {
        return await attempt();
      } catch (e) {
        if (!isSqliteBusy(e)) throw e;
        if (pause === null || Date.now() - started >= this.waitMs) throw storeBusy();
      }
      await pause(ms);
    }
  }
}

/**
 * Kysely's SQLite dialect whose transactions take the write lock up front and wait for it.
 * `written` is told after each commit and each statement outside a transaction that may have written (walCheckpoints.ts).
 */
export class WriteLockSqliteDialect extends SqliteDialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly waitMs: number = DEFAULT_WRITE_WAIT_MS,
    private readonly written: () => void = () => {},
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new WaitingSqliteDriver(this.sqlite, this.waitMs, this.written);
  }
}
