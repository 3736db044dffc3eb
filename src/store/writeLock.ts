import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { KodaError } from '../core/errors.js';

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

const storeBusy = () => new KodaError('store.busy', {}, 'busy');

/** SQLITE_BUSY and its extended codes (_SNAPSHOT, _RECOVERY, _TIMEOUT): another connection holds a lock. */
const isSqliteBusy = (e: unknown) =>
  typeof (e as { code?: unknown })?.code === 'string' && (e as { code: string }).code.startsWith('SQLITE_BUSY');

const isStoreBusy = (e: unknown) => e instanceof KodaError && e.code === 'store.busy';

/** A connection whose SQLITE_BUSY errors are the store-busy error, never an internal one. */
function busyAware(connection: DatabaseConnection): DatabaseConnection {
  return {
    async executeQuery(query) {
      try {
        return await connection.executeQuery(query);
      } catch (e) {
        throw isSqliteBusy(e) ? storeBusy() : e;
      }
    },
    streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
  };
}

class WaitingSqliteDriver extends SqliteDriver {
  #connection: DatabaseConnection | undefined;

  constructor(
    config: SqliteDialectConfig,
    private readonly waitMs: number,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    this.#connection ??= busyAware(connection);
    return this.#connection;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const started = Date.now();
    for (let pause = 10; ; pause = Math.min(pause * 2, MAX_PAUSE_MS)) {
      try {
        await connection.executeQuery(CompiledQuery.raw('begin immediate'));
        return;
      } catch (e) {
        if (!isStoreBusy(e)) throw e;
        if (Date.now() - started >= this.waitMs) throw storeBusy();
      }
      // No transaction is open yet: this process's own queries may use the connection meanwhile.
      await this.releaseConnection();
      await new Promise((resolve) => setTimeout(resolve, pause));
      await this.acquireConnection();
    }
  }
}

/** Kysely's SQLite dialect whose transactions take the write lock up front and wait for it. */
export class WriteLockSqliteDialect extends SqliteDialect {
  constructor(
    private readonly config: SqliteDialectConfig,
    private readonly waitMs: number = DEFAULT_WRITE_WAIT_MS,
  ) {
    super(config);
  }

  override createDriver(): Driver {
    return new WaitingSqliteDriver(this.config, this.waitMs);
  }
}
