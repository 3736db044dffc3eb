import { type Compilable, type OperationNodeSource, sql } from 'kysely';
import type pg from 'pg';
import type { DatabaseUrl } from './databaseUrl.js';
import type { Db, Engine } from './db.js';
import { pgDriver } from './pgDriver.js';
import { statementTemplate } from './statementTemplate.js';

/**
 * The change feed: on PostgreSQL every committed change is announced through the database
 * (LISTEN/NOTIFY, no broker), so every Koda process on it — each server, a CLI command — reaches
 * the browsers of all the servers. SQLite has one process writing at a time and no feed: its
 * changes are told in-process.
 */

export const CHANGE_CHANNEL = 'koda_changes';

/**
 * PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; a little is kept back for the
 * channel's bookkeeping.
 */
export const MAX_PAYLOAD_BYTES = 7900;

/** What the feed carries: any JSON object with the ids it touched, which may be left out. */
export interface Announced {
  objectIds: string[];
  /** Set when the ids were too many to send: the change may concern anything of its kinds. */
  objectIdsOmitted?: true;
}

/**
 * A statement closing a change whose result is not needed (its history entry, its audit event),
 * built from the change's values: a statementTemplate's builder, given stand-ins for them.
 */
export type ClosingWrite<V> = (db: Db, values: V) => OperationNodeSource & Compilable<unknown>;

/**
 * How a kind of change closes inside its transaction: its closing writes, and its announcement,
 * which PostgreSQL delivers on commit, in commit order, and never for a transaction rolled back.
 * There the writes and the announcement are one statement, each write a data-modifying WITH (one
 * round trip, not one each), and all of them see the rows as they were before it; on SQLite the
 * writes run in turn and nothing is announced. So no write may depend on another's effect. Each
 * statement is compiled once (statementTemplate) and run with each change's values.
 */
export function changeClosing<V extends object>(writes: ClosingWrite<V>[]) {
  const inTurn = writes.map((write) => statementTemplate(write));
  const announced = statementTemplate((db, v: V & { payload: string }) => {
    const withs = writes.map((write, i) => sql`${sql.id(`closing_${i}`)} as (${write(db, v)})`);
    const prefix = withs.length > 0 ? sql`with ${sql.join(withs)} ` : sql``;
    return sql`${prefix}select pg_notify(${CHANGE_CHANNEL}, ${v.payload})`;
  });
  return async (db: Db, engine: Engine, event: Announced, values: V): Promise<void> => {
    if (engine !== 'postgres') {
      for (const write of inTurn) await write(db, values);
      return;
    }
    await announced(db, { ...values, payload: feedPayload(event) });
  };
}

/** The event as JSON, without its ids when they would make it too big to send. */
export function feedPayload(event: Announced): string {
  const full = JSON.stringify(event);
  if (Buffer.byteLength(full) <= MAX_PAYLOAD_BYTES) return full;
  return JSON.stringify({ ...event, objectIds: [], objectIdsOmitted: true });
}

export interface FeedHandlers {
  /** A change committed by any process on the database (this one's too), parsed but unchecked. */
  onChange(event: unknown): void;
  /** The feed's connection was lost (`online: false`) or is back and listening again. */
  onState(state: { online: boolean }): void;
}

export interface FeedListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  /** First wait before reconnecting; doubled after each failure up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often the idle connection is checked, so a silent network cut is noticed too. */
  heartbeatMs?: number;
}

/** Names the listener's session in pg_stat_activity (an operator, or a test, can find it). */
export const LISTENER_APPLICATION_NAME = 'koda-listen';

/**
 * Follows the feed on a dedicated connection (LISTEN holds its session, so not one of the pool's).
 * When the connection fails it says so, reconnects with backoff, and says when it listens again:
 * changes made meanwhile were not told, so the caller treats everything as stale.
 */
export async function listenForChanges(
  target: DatabaseUrl,
  handlers: FeedHandlers,
  options: ListenOptions = {},
): Promise<FeedListener> {
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 5_000;
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  let client: pg.Client | null = null;
  let closed = false;
  let online = true;
  let wait = retryMs;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const setOnline = (next: boolean) => {
    if (next === online) return;
    online = next;
    handlers.onState({ online });
  };

  const lost = (failed: pg.Client) => {
    if (failed !== client) return;
    client = null;
    clearInterval(heartbeat);
    failed.end().catch(() => {});
    if (closed) return;
    setOnline(false);
    retry = setTimeout(() => void connect(), wait * (1 + Math.random() / 4));
    wait = Math.min(wait * 2, maxRetryMs);
  };

  const connect = async () => {
    const next = new (pgDriver().Client)({
      connectionString: target.url,
      application_name: LISTENER_APPLICATION_NAME,
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
      query_timeout: heartbeatMs,
    });
    client = next;
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    next.on('notification', (msg) => {
      if (msg.channel !== CHANGE_CHANNEL || !msg.payload) return;
      let event: unknown;
      try {
        event = JSON.parse(msg.payload);
      } catch {
        return; // not Koda's: someone else's NOTIFY on the channel
      }
      handlers.onChange(event);
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANGE_CHANNEL}`);
    } catch {
      lost(next);
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    wait = retryMs;
    heartbeat = setInterval(() => next.query('select 1').catch(() => lost(next)), heartbeatMs);
    setOnline(true);
  };

  await connect();
  return {
    close: async () => {
      closed = true;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const last = client;
      client = null;
      await last?.end().catch(() => {});
    },
  };
}
