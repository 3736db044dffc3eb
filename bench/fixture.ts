import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3-multiple-ciphers';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import { createProject } from '../src/commands/createProject.js';
import type { CommandContext } from '../src/commands/helpers/context.js';
import { DATABASE_FILE, type Db, type Engine, openStore, type Store } from '../src/store/db.js';
import { BenchUsageError } from './measure.js';

export interface BenchOptions {
  engine: Engine;
  transcripts: number;
  segments: number;
  /** Words per generated transcript. */
  words: number;
  seed: number;
}

export interface ImportedSource {
  id: string;
  name: string;
  caseName: string;
}

/** What the benchmarks share: one temporary data folder, one store, one project. */
export interface BenchEnv {
  options: BenchOptions;
  root: string;
  dataDir: string;
  corpusDir: string;
  store: Store;
  /** The PostgreSQL database made for this run (`--engine postgres`), dropped afterwards. */
  database?: BenchDatabase;
  ctx: CommandContext;
  project: { id: string; name: string };
  /** Set once the corpus is in the store (by the import benchmark, or as another's setup). */
  imported?: ImportedSource[];
}

export interface BenchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The administrator URL `--engine postgres` makes its database with. */
export const ADMIN_URL_VARIABLE = 'KODA_BENCH_DATABASE_URL';

export async function createEnv(options: BenchOptions): Promise<BenchEnv> {
  const database = options.engine === 'postgres' ? await createBenchDatabase() : undefined;
  const root = await mkdtemp(join(tmpdir(), 'koda-bench-'));
  const dataDir = join(root, 'data');
  try {
    // As the server opens it: the WAL is copied back on a worker thread.
    const store = await openStore(dataDir, database ? { database: database.url } : { checkpointInBackground: true });
    const ctx: CommandContext = { store, actor: 'bench' };
    const project = await createProject(ctx, { name: 'Bench', language: 'sv' });
    return { options, root, dataDir, corpusDir: join(root, 'corpus'), store, database, ctx, project };
  } catch (e) {
    await database?.drop();
    await rm(root, { recursive: true, force: true });
    throw e;
  }
}

/** A fresh, empty database on the server named by KODA_BENCH_DATABASE_URL, and how to drop it. */
async function createBenchDatabase(): Promise<BenchDatabase> {
  const admin = process.env[ADMIN_URL_VARIABLE];
  if (!admin) {
    throw new BenchUsageError(
      `--engine postgres needs ${ADMIN_URL_VARIABLE}, an administrator's URL (e.g. postgres://postgres@127.0.0.1:55432/postgres)`,
    );
  }
  const name = `koda_bench_${randomUUID().replaceAll('-', '')}`;
  const asAdmin = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await asAdmin(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(`drop database if exists ${name} with (force)`) };
}

/**
 * Closes the store and deletes the temporary folder and database (unless `keep`, for poking at
 * them afterwards).
 */
export async function disposeEnv(env: BenchEnv, keep = false): Promise<void> {
  await env.store.close().catch(() => undefined);
  if (keep) return;
  await rm(env.root, { recursive: true, force: true });
  await env.database?.drop();
}

/** Sizes of the database (file, or PostgreSQL's on-disk size) and of SQLite's write-ahead log, in bytes. */
export async function databaseBytes(env: BenchEnv): Promise<{ db: number; wal: number }> {
  if (env.database) {
    const { rows } = await withPostgres(env.database.url, (c) =>
      c.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes'),
    );
    return { db: Number(rows[0]?.bytes ?? 0), wal: 0 };
  }
  const size = (suffix: string) =>
    stat(join(env.dataDir, DATABASE_FILE + suffix)).then(
      (s) => s.size,
      () => 0,
    );
  return { db: await size(''), wal: await size('-wal') };
}

/**
 * The statements `run` sends to the store, with their parameters, as the engine gets them: those
 * built for the occasion and statementTemplate's, compiled once and so caught only where they are
 * sent (Kysely's executor, for the time of `run`). For diagnosis only: never around a timed run.
 */
export async function captureStatements(run: () => Promise<unknown>, db: Db): Promise<CompiledQuery[]> {
  let owner: { executeQuery: Executes } | null = Object.getPrototypeOf(db.getExecutor());
  while (owner && !Object.hasOwn(owner, 'executeQuery')) owner = Object.getPrototypeOf(owner);
  if (!owner) throw new Error('captureStatements: no executeQuery on Kysely’s executor');
  const sending = owner.executeQuery;
  const captured: CompiledQuery[] = [];
  owner.executeQuery = function (this: unknown, query, ...rest) {
    captured.push(query);
    return sending.call(this, query, ...rest);
  };
  try {
    await run();
  } finally {
    owner.executeQuery = sending;
  }
  return captured;
}

type Executes = (this: unknown, query: CompiledQuery, ...rest: unknown[]) => Promise<unknown>;

export interface ExplainedQuery {
  sql: string;
  plan: string[];
  /** A plan step that reads a whole table or index (SCAN without a covering lookup). */
  scans: string[];
}

type Param = string | number | bigint | Buffer | null;

/**
 * A second connection to the bench's database, for diagnosis beside the store's own: on SQLite
 * read-only on the same file (WAL lets it read alongside), on PostgreSQL one more client.
 */
export interface Reader {
  /** The rows of one statement: raw engine time without Kysely or mapping. */
  all(sql: string, parameters: readonly unknown[]): Promise<unknown[]>;
  /** The plan of one statement, a line per step, and the steps that read a whole table. */
  plan(sql: string, parameters: readonly unknown[]): Promise<{ plan: string[]; scans: string[] }>;
  /** The SQLite connection itself, for its pragmas; absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export async function openReader(env: BenchEnv): Promise<Reader> {
  return env.database ? openPostgresReader(env.database.url) : openSqliteReader(join(env.dataDir, DATABASE_FILE));
}

function bindable(parameters: readonly unknown[]): Param[] {
  return parameters.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : (p as Param)));
}

function openSqliteReader(file: string): Reader {
  const sqlite = new SQLite(file, { readonly: true });
  // Prepared once, so repeated timings measure the engine, not the parser.
  const statements = new Map<string, SQLite.Statement>();
  const prepared = (sql: string) =>
    statements.get(sql) ?? (statements.set(sql, sqlite.prepare(sql)).get(sql) as SQLite.Statement);
  return {
    sqlite,
    all: async (sql, parameters) => prepared(sql).all(...bindable(parameters)),
    plan: async (sql, parameters) => {
      const rows = sqlite.prepare(`explain query plan ${sql}`).all(...bindable(parameters)) as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const depth = new Map<number, number>([[0, -1]]);
      const plan = rows.map((r) => {
        const d = (depth.get(r.parent) ?? -1) + 1;
        depth.set(r.id, d);
        return `${'  '.repeat(d)}${r.detail}`;
      });
      const scans = rows.map((r) => r.detail).filter((d) => /^SCAN /.test(d) && !/COVERING INDEX|CONSTANT ROW/.test(d));
      return { plan, scans };
    },
    close: async () => {
      sqlite.close();
    },
  };
}

/** Estimated rows from which a sequential scan on PostgreSQL is worth a note. */
const BIG_SCAN_ROWS = 1_000;

async function openPostgresReader(url: string): Promise<Reader> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    all: async (sql, parameters) => (await client.query(sql, bindable(parameters))).rows,
    plan: async (sql, parameters) => {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, bindable(parameters));
      const plan = rows.map((r) => r['QUERY PLAN']);
      // PostgreSQL reads a table of a few pages whole rather than through an index: only a big one counts.
      const big = (line: string) => Number(/rows=(\d+)/.exec(line)?.[1] ?? 0) >= BIG_SCAN_ROWS;
      return { plan, scans: plan.filter((line) => /Seq Scan/.test(line) && big(line)).map((line) => line.trim()) };
    },
    close: () => client.end(),
  };
}

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The plan of each SELECT/UPDATE/DELETE in `queries`. */
export async function explain(reader: Reader, queries: readonly CompiledQuery[]): Promise<ExplainedQuery[]> {
  const out: ExplainedQuery[] = [];
  for (const q of queries) {
    if (!/^\s*(select|update|delete|with)/i.test(q.sql)) continue;
    out.push({ sql: q.sql, ...(await reader.plan(q.sql, q.parameters)) });
  }
  return out;
}

/** Runs a compiled SELECT on the reader: raw engine time without Kysely or mapping. */
export function runRaw(reader: Reader, q: CompiledQuery): Promise<unknown[]> {
  return reader.all(q.sql, q.parameters);
}

export interface StatementTiming {
  sql: string;
  p50: number;
  max: number;
}

/**
 * Raw engine time of each SELECT (and of each DELETE, as the `select count(*)` with the same
 * WHERE, which reads the same rows) in `queries`, on the reader: which statement of a command
 * costs what.
 */
export async function timeStatements(reader: Reader, queries: readonly CompiledQuery[], runs = 20): Promise<StatementTiming[]> {
  const out: StatementTiming[] = [];
  for (const q of queries) {
    let text = q.sql;
    const del = /^\s*delete\s+from\s+(.*)$/is.exec(text);
    if (del) text = `select count(*) from ${del[1]}`;
    else if (!/^\s*select/i.test(text)) continue;
    const ms: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      await reader.all(text, q.parameters);
      if (i >= 2) ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    out.push({ sql: q.sql, p50: ms[Math.floor((ms.length - 1) / 2)] as number, max: ms.at(-1) as number });
  }
  return out;
}
