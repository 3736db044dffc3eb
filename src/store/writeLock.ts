import { open } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import { CompiledQuery, type DatabaseConnection, type Driver, type QueryResult, SelectQueryNode, SqliteDialect } from 'kysely';
import { KodaError } from '../core/errors.js';
import { iterate, PreparedStatements } from './preparedStatements.js';
import type { ReaderConnection } from './readerConnection.js';

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

/** Waiting for the writer connection, in this process: one transaction or write at a time, in turn. */
class WriterTurns {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  async take(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  give(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

/** One use of the store by Kysely: a statement, or a transaction from its BEGIN to its COMMIT. */
class StoreUse implements DatabaseConnection {
  inTransaction = false;

  constructor(private readonly driver: WaitingSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute<R>(this, query);
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.driver.stream<R>(this, query, chunkSize);
  }
}

/**
 * Two connections: the writer, taken in turn by transactions and by writes outside one, and the
 * reader (readerConnection.ts), which SELECTs outside a transaction use at once, whatever the
 * writer is doing. Kysely's own SQLite driver has one connection, held by a transaction until it
 * ends: reads waited for a big import to commit.
 */
class WaitingSqliteDriver implements Driver {
  readonly #turns = new WriterTurns();
  readonly #writer: PreparedStatements;
  #began = 0;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly reader: ReaderConnection | undefined,
    private readonly waitMs: number,
    private readonly written: () => void,
  ) {
    this.#writer = new PreparedStatements(sqlite);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new StoreUse(this);
  }

  /**
   * In a transaction, on the writer it holds; SQLITE_BUSY there cannot be waited out (the lock
   * is held already) and is the store-busy error at once. A SELECT outside one, on the reader. Any
   * other statement takes the writer in turn and is tried again, while another process's writer
   * holds the file, until the wait runs out. Statements are prepared once (preparedStatements.ts).
   */
  async execute<R>(use: StoreUse, query: CompiledQuery): Promise<QueryResult<R>> {
    if (use.inTransaction) return this.#untilFree(() => this.#writer.executeQuery<R>(query), null);
    const reader = this.reader;
    if (reader?.available && SelectQueryNode.is(query.query)) return this.#untilFree(() => reader.executeQuery<R>(query), sleep);
    await this.#turns.take();
    try {
      const result = await this.#untilFree(() => this.#writer.executeQuery<R>(query), sleep);
      if (this.#writer.lastMayHaveWritten) this.written();
      return result;
    } finally {
      this.#turns.give();
    }
  }

  /**
   * A SELECT's rows `chunkSize` at a time: in a transaction from the writer it holds, outside one from the
   * reader (without a reader, the writer taken in turn: no write may run on it while it iterates).
   */
  async *stream<R>(use: StoreUse, query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (use.inTransaction) yield* iterate<R>(this.sqlite, query, chunkSize);
    else if (this.reader?.available) yield* this.reader.streamQuery<R>(query, chunkSize);
    else {
      await this.#turns.take();
      try {
        yield* iterate<R>(this.sqlite, query, chunkSize);
      } finally {
        this.#turns.give();
      }
    }
  }

  async #beginImmediate(): Promise<void> {
    // Between tries the writer is given back: this process's other statements may use it.
    await this.#untilFree(
      () => this.#writer.executeQuery(CompiledQuery.raw('begin immediate')),
      async (ms) => {
        this.#turns.give();
        await sleep(ms);
        await this.#turns.take();
      },
    );
  }

  async beginTransaction(use: DatabaseConnection): Promise<void> {
    await this.#turns.take();
    try {
      await this.#beginImmediate();
    } catch (e) {
      this.#turns.give();
      throw e;
    }
    (use as StoreUse).inTransaction = true;
    this.#began = performance.now();
  }

  /**
   * A COMMIT syncs the WAL to disk, every page the transaction wrote: for a big import tens of MB,
   * 100–150 ms on the event loop. A long transaction's pages are synced first by a thread of the
   * pool, asynchronously, so the COMMIT syncs only what is left (the sync is of the file, whoever
   * asks). A short one commits at once: two syncs would cost it more than they save. A failed
   * COMMIT is followed by Kysely's ROLLBACK, which gives the writer back.
   */
  async commitTransaction(use: DatabaseConnection): Promise<void> {
    if (performance.now() - this.#began > LONG_TRANSACTION_MS) await syncFile(`${this.sqlite.name}-wal`);
    await this.#writer.executeQuery(CompiledQuery.raw('commit'));
    this.#ended(use as StoreUse);
    this.written();
  }

  async rollbackTransaction(use: DatabaseConnection): Promise<void> {
    try {
      if (this.sqlite.inTransaction) await this.#writer.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      this.#ended(use as StoreUse);
    }
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {
    this.reader?.close();
    this.sqlite.close();
  }

  #ended(use: StoreUse): void {
    if (!use.inTransaction) return;
    use.inTransaction = false;
    this.#turns.give();
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
    private readonly options: { reader?: ReaderConnection; waitMs?: number; written?: () => void } = {},
  ) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    const { reader, waitMs = DEFAULT_WRITE_WAIT_MS, written = () => {} } = this.options;
    return new WaitingSqliteDriver(this.sqlite, reader, waitMs, written);
  }
}
