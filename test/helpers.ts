import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { type CompiledQuery, type KyselyPlugin, sql } from 'kysely';
import { startSession } from '../src/commands/accounts/startSession.js';
import type { CommandContext } from '../src/commands/helpers/context.js';
import { CSRF_HEADER } from '../src/server/requestGuard.js';
import { SESSION_COOKIE } from '../src/server/session.js';
import { type OpenOptions, openStore, type Store } from '../src/store/db.js';
import { newId, nowIso } from '../src/store/ids.js';
import { createTestDatabase, onPostgres } from './engine.js';

/**
 * A fresh store on the engine under test (test/engine.ts): a temporary folder, and on PostgreSQL
 * a new database of its own; `cleanup` removes both.
 */
export async function tempStore(
  options: OpenOptions = {},
): Promise<{ store: Store; dir: string; database?: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'koda-test-'));
  const database = onPostgres ? await createTestDatabase() : undefined;
  const store = await openStore(dir, { ...options, database: database?.url });
  return {
    store,
    dir,
    database: database?.url,
    cleanup: async () => {
      await store.close();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A store as tempStore makes it, and a context acting as `actor`. */
export async function tempContext(
  actor = 'tester',
): Promise<{ ctx: CommandContext; store: Store; dir: string; database?: string; cleanup: () => Promise<void> }> {
  const made = await tempStore();
  return { ...made, ctx: { store: made.store, actor } };
}

export const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Tables outside the fingerprint: `kysely_migration*` (which migrations ran), `audit_events` (who
 * did what: an export, which changes no data, writes one by design; refusals count it apart, see
 * expectRefused), and the search index, `search_sources` and `search_paragraphs` (with FTS5's
 * shadow tables on SQLite): a cache of the texts that a search brings up to date (store/searchIndex.ts).
 */
const OUTSIDE_FINGERPRINT = /^(sqlite_|kysely_migration|audit_events$|search_sources$|search_paragraphs)/;

/** The store's tables, read from the database itself: a table is covered the day a migration adds it. */
export async function fingerprintTables(store: Store): Promise<string[]> {
  const tables = await storeTables(store);
  return tables.filter((name) => !OUTSIDE_FINGERPRINT.test(name));
}

/** Rows in every table but the migrations': zero everywhere is an empty store. */
export async function totalRows(store: Store): Promise<number> {
  let n = 0;
  for (const table of (await storeTables(store)).filter((t) => !t.startsWith('kysely_migration'))) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
    n += Number(rows[0]?.n);
  }
  return n;
}

/** Every table of the store, on either engine, sorted by name. */
export async function storeTables(store: Store): Promise<string[]> {
  const tables = await store.db.introspection.getTables({ withInternalKyselyTables: true });
  return tables
    .filter((t) => !t.isView)
    .map((t) => t.name)
    .sort();
}

/** Counts rows of every table: a fingerprint to prove that a refused command changed nothing. */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of await fingerprintTables(store)) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db);
    out[table] = Number(rows[0]?.n);
  }
  return out;
}

/**
 * A request as Koda's own page sends it: with the header that proves a state change comes from
 * Koda, not from another website (src/server/requestGuard.ts), and the session of the laptop's
 * person (local mode, owner of every project) unless the request brings a `cookie` header of its
 * own (`cookie: ''` for none). Tests of the guard itself call `app.inject` directly.
 */
export async function inject(app: FastifyInstance, options: InjectOptions) {
  const headers: Record<string, string> = { [CSRF_HEADER]: '1', ...(options.headers as Record<string, string>) };
  if (!('cookie' in headers)) {
    const cookie = await localSession(app);
    if (cookie) headers.cookie = cookie;
  }
  return app.inject({ ...options, headers });
}

const localNames = new WeakMap<FastifyInstance, string>();
const localCookies = new WeakMap<FastifyInstance, string>();

/** The name `inject` signs in with in local mode on `app` (else `tester`, tempContext's actor). */
export function localPerson(app: FastifyInstance, name: string): void {
  localNames.set(app, name);
  localCookies.delete(app);
}

/**
 * The local person's session cookie (signing them in the first time); none once the store has
 * accounts (accounts mode). For requests made over real HTTP, and before a snapshot of the rows.
 */
export async function localSession(app: FastifyInstance): Promise<string | undefined> {
  const known = localCookies.get(app);
  if (known) return known;
  const res = await app.inject({
    method: 'POST',
    url: '/api/session/local',
    headers: { [CSRF_HEADER]: '1' },
    payload: { name: localNames.get(app) ?? 'tester' },
  });
  const session = res.cookies.find((c) => c.name === SESSION_COOKIE);
  if (res.statusCode !== 200 || !session) return undefined;
  const cookie = `${SESSION_COOKIE}=${session.value}`;
  localCookies.set(app, cookie);
  return cookie;
}

/**
 * Signs `name` in on `app` (an account, made the first time, and a session) and returns the
 * header that carries the session cookie, for `inject`. With a role, the account becomes a
 * member of every project the store holds now, in that role.
 */
export async function signedIn(
  app: FastifyInstance,
  store: Store,
  name: string,
  role?: 'owner' | 'coder' | 'viewer',
): Promise<{ cookie: string }> {
  const found = await store.db.selectFrom('accounts').select('id').where('name', '=', name).executeTakeFirst();
  const id = found?.id ?? newId();
  if (!found)
    await store.db
      .insertInto('accounts')
      .values({ id, name, kind: 'password', failed_sign_ins: 0, created_at: nowIso() })
      .execute();
  if (role) {
    const projects = await store.db.selectFrom('projects').select('id').execute();
    for (const p of projects) {
      await store.db
        .insertInto('members')
        .values({ id: newId(), project_id: p.id, account_id: id, role, created_at: nowIso() })
        .onConflict((oc) => oc.columns(['project_id', 'account_id']).doUpdateSet({ role }))
        .execute();
    }
  }
  const cookie = `${SESSION_COOKIE}=${await startSession({ store, actor: name }, id)}`;
  // A listening server answers only its own port (requestGuard.ts): ask it as a browser would.
  const address = app.server.address();
  const host = address && typeof address === 'object' ? `127.0.0.1:${address.port}` : 'localhost';
  const me = await app.inject({ method: 'GET', url: '/api/session', headers: { cookie, host } });
  if (me.json().account?.id !== id) throw new Error(`signedIn: the server did not take ${name}'s session`);
  return { cookie };
}

/** A context whose store records every statement it compiles, as the engine will run it. */
export function recording(ctx: CommandContext): { ctx: CommandContext; statements: CompiledQuery[] } {
  const { db } = ctx.store;
  const statements: CompiledQuery[] = [];
  const recorder: KyselyPlugin = {
    transformQuery: ({ node, queryId }) => {
      statements.push(db.getExecutor().compileQuery(node, queryId));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { ctx: { ...ctx, store: { ...ctx.store, db: db.withPlugin(recorder) } }, statements };
}
