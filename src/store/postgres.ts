import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type PostgresCursor,
  PostgresDialect,
  PostgresDriver,
  type PostgresPool,
  type PostgresPoolClient,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { KodaError } from '../core/errors.js';
import type { DatabaseUrl } from './databaseUrl.js';
import { EmptyInListPlugin } from './emptyInList.js';
import { preparedName } from './namedStatements.js';
import { pgCursor, pgDriver } from './pgDriver.js';
import type { Database } from './schema.js';

/**
 * The team store: PostgreSQL 15 or newer through Kysely's dialect and the `pg` driver, the same
 * schema and queries as the embedded store. Writers take one advisory lock per transaction, so
 * the two engines serialise writes alike (SQLite's BEGIN IMMEDIATE): every Koda server on the
 * database sees one order of changes, and undo takes back the last one whoever made it.
 */

/** The advisory lock key of Koda's writers ("KODA" in ASCII). */
const WRITE_LOCK_KEY = 0x4b4f4441;
const MIN_SERVER_VERSION = 150000;

/** count(*) and sum() are bigint, avg() numeric: numbers in JavaScript, as on SQLite. */
const NUMBER_TYPES = new Set([20, 1700]);
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    NUMBER_TYPES.has(oid) ? Number : pgDriver().types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  /** How long a write waits for another writer before the store says it is busy. */
  writeWaitMs?: number;
  /** Connections this process keeps open (default 10). */
  poolSize?: number;
}

export function poolConfig(db: DatabaseUrl, max = 10): pg.PoolConfig {
  return {
    connectionString: db.url,
    types,
    max,
    connectionTimeoutMillis: 10_000,
    application_name: 'koda',
    onConnect: planForCachedStore,
  };
}

/**
 * A Koda store is small beside a server's memory (200,000 segments are 440 MB) and is read from
 * cache, where an index probe costs little more than a sequential read. PostgreSQL's default
 * `random_page_cost` of 4 assumes spinning disks: with it the planner hashed all 118,000 turns
 * to join a page of 1,000 segments (87 ms) rather than look up their 1,000 turns (8 ms), and a
 * category's retrieval took 1.6 s (issue 13). So each connection plans as for SSD or cache (1.1,
 * the value PostgreSQL's documentation suggests for SSDs), unless an administrator has set the
 * value for the server, database or role: theirs is kept.
 */
async function planForCachedStore(client: pg.ClientBase): Promise<void> {
  await client.query(
    `select set_config('random_page_cost', '1.1', false) from pg_settings where name = 'random_page_cost' and source = 'default'`,
  );
}

/** Opens a pool and checks that the server is usable before anything is written. */
export async function connectPostgres(db: DatabaseUrl, options: PostgresOptions = {}): Promise<Kysely<Database>> {
  const pool = new (pgDriver().Pool)(poolConfig(db, options.poolSize));
  // An idle connection that breaks (a restart, a network cut) must not end the process: the next
  // query opens a new one, or fails with a clear line.
  pool.on('error', () => {});
  try {
    await checkServer(pool, db);
  } catch (e) {
    await pool.end().catch(() => {});
    throw e;
  }
  return new Kysely<Database>({
    dialect: new LockingPostgresDialect(preparingPool(pool), db, options.writeWaitMs ?? 30_000),
    plugins: [new EmptyInListPlugin()],
  });
}

async function checkServer(pool: pg.Pool, db: DatabaseUrl): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (e) {
    throw connectionError(e, db);
  }
  try {
    const { rows } = await client.query<{ version: string; read_only: string; recovery: boolean }>(
      `select current_setting('server_version_num') as version, current_setting('transaction_read_only') as read_only,
              pg_is_in_recovery() as recovery`,
    );
    const row = rows[0] as { version: string; read_only: string; recovery: boolean };
    if (Number(row.version) < MIN_SERVER_VERSION) throw new KodaError('store.old-postgres', { version: row.version });
    if (row.read_only === 'on' || row.recovery) throw new KodaError('store.read-only', {}, 'forbidden');
  } finally {
    client.release();
  }
}

/** A connection failure as one line: what went wrong, never the password. */
export function connectionError(e: unknown, db: DatabaseUrl): KodaError {
  const code = (e as { code?: string }).code ?? '';
  if (code === '28P01' || code === '28000') return new KodaError('store.auth-failed', { url: db.redacted }, 'forbidden');
  if (code === '3D000') return new KodaError('store.no-database', { url: db.redacted }, 'not-found');
  return new KodaError('store.unreachable', { url: db.redacted }, 'busy');
}

/** Connection-level failures (a restart, a cut network): the store is unreachable, not broken. */
const isConnectionLoss = (e: unknown) => {
  const code = (e as { code?: string }).code ?? '';
  return (
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === 'ECONNREFUSED' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection terminated|connection timeout|not queryable/i.test(String((e as Error)?.message))
  );
};

class LockingPostgresDriver extends PostgresDriver {
  constructor(
    config: ConstructorParameters<typeof PostgresDriver>[0],
    private readonly target: DatabaseUrl,
    private readonly waitMs: number,
  ) {
    super(config);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    try {
      return guardConnection(await super.acquireConnection(), this.target);
    } catch (e) {
      throw isConnectionLoss(e) ? connectionError(e, this.target) : e;
    }
  }

  /**
   * Every transaction writes: it waits for the writers' lock first, asynchronously, up to
   * `waitMs`. One round trip: the statements go as one simple query.
   */
  override async beginTransaction(connection: DatabaseConnection, _settings: TransactionSettings): Promise<void> {
    const wait = Math.max(1, Math.round(this.waitMs));
    try {
      await connection.executeQuery(
        CompiledQuery.raw(
          `begin; set local lock_timeout = ${wait}; select pg_advisory_xact_lock(${WRITE_LOCK_KEY}); set local lock_timeout = 0`,
        ),
      );
    } catch (e) {
      if ((e as { code?: string }).code === '55P03') throw new KodaError('store.busy', {}, 'busy');
      throw e;
    }
  }
}

const GUARDED = Symbol('koda.guarded');

/**
 * Turns a lost connection or a read-only server into Koda's own errors. Patched on the driver's
 * connection object itself (cached per client), which the driver needs back unchanged to release.
 */
function guardConnection(connection: DatabaseConnection, target: DatabaseUrl): DatabaseConnection {
  const marked = connection as DatabaseConnection & { [GUARDED]?: true };
  if (marked[GUARDED]) return connection;
  const execute = connection.executeQuery.bind(connection);
  marked.executeQuery = async (query) => {
    try {
      return await execute(query);
    } catch (e) {
      if ((e as { code?: string }).code === '25006') throw new KodaError('store.read-only', {}, 'forbidden');
      throw isConnectionLoss(e) ? connectionError(e, target) : e;
    }
  };
  marked[GUARDED] = true;
  return connection;
}

/**
 * The pool as Kysely gets it: each client sends a statement that namedStatements.ts keeps
 * prepared under its name. The same wrapper for the same client, so Kysely keeps one connection
 * object per client.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let preparing = clients.get(client);
      if (!preparing) {
        preparing = preparingClient(client);
        clients.set(client, preparing);
      }
      return preparing;
    },
    end: () => pool.end(),
  };
}

/**
 * What says a connection's prepared statement is not what the client thinks: gone (a pooler
 * gave another backend, or DISCARD ran), there already under the name, or planned for a table
 * since changed (another Koda migrated it).
 */
const PREPARED_MISMATCH = new Set(['26000', '42P05', '0A000']);

/**
 * A client sending prepared statements by name. After a mismatch (PREPARED_MISMATCH) the
 * statement fails as any other would, and the client sends every later one unnamed.
 */
function preparingClient(client: pg.PoolClient): PostgresPoolClient {
  let naming = true;
  const query = async (text: string, values: readonly unknown[]) => {
    const name = naming ? preparedName(text) : undefined;
    if (!name) return client.query(text, [...values]);
    try {
      return await client.query({ name, text, values: [...values] });
    } catch (e) {
      if (PREPARED_MISMATCH.has((e as { code?: string }).code ?? '')) naming = false;
      throw e;
    }
  };
  return {
    // A cursor (a streamed read) goes as it is.
    query: ((textOrCursor: string | PostgresCursor<unknown>, values?: readonly unknown[]) =>
      typeof textOrCursor === 'string'
        ? query(textOrCursor, values ?? [])
        : client.query(textOrCursor as never)) as unknown as PostgresPoolClient['query'],
    release: (destroy?: boolean) => client.release(destroy),
  };
}

class LockingPostgresDialect extends PostgresDialect {
  constructor(
    private readonly pool: PostgresPool,
    private readonly target: DatabaseUrl,
    private readonly waitMs: number,
  ) {
    super({ pool, cursor: pgCursor() });
  }

  override createDriver(): Driver {
    return new LockingPostgresDriver({ pool: this.pool, cursor: pgCursor() }, this.target, this.waitMs);
  }
}
