import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import SQLite from 'better-sqlite3-multiple-ciphers';
import type { CompiledQuery, KyselyPlugin } from 'kysely';
import { createProject } from '../src/commands/createProject.js';
import type { CommandContext } from '../src/commands/helpers/context.js';
import { DATABASE_FILE, openStore, type Store } from '../src/store/db.js';

export interface BenchOptions {
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
  ctx: CommandContext;
  project: { id: string; name: string };
  /** Set once the corpus is in the store (by the import benchmark, or as another's setup). */
  imported?: ImportedSource[];
}

export async function createEnv(options: BenchOptions): Promise<BenchEnv> {
  const root = await mkdtemp(join(tmpdir(), 'koda-bench-'));
  const dataDir = join(root, 'data');
  const store = await openStore(dataDir);
  const ctx: CommandContext = { store, actor: 'bench' };
  const project = await createProject(ctx, { name: 'Bench', language: 'sv' });
  return { options, root, dataDir, corpusDir: join(root, 'corpus'), store, ctx, project };
}

/** Closes the store and deletes the temporary folder (unless `keep`, for poking at it afterwards). */
export async function disposeEnv(env: BenchEnv, keep = false): Promise<void> {
  await env.store.close().catch(() => undefined);
  if (!keep) await rm(env.root, { recursive: true, force: true });
}

/** Sizes of the database file and of its write-ahead log, in bytes. */
export async function databaseBytes(env: BenchEnv): Promise<{ db: number; wal: number }> {
  const size = (suffix: string) =>
    stat(join(env.dataDir, DATABASE_FILE + suffix)).then(
      (s) => s.size,
      () => 0,
    );
  return { db: await size(''), wal: await size('-wal') };
}

/**
 * A context whose queries are also compiled into `captured`, so the exact SQL a command runs
 * can be explained afterwards. For diagnosis only: never used in a timed run.
 */
export function capturingContext(env: BenchEnv): { ctx: CommandContext; captured: CompiledQuery[] } {
  const captured: CompiledQuery[] = [];
  const executor = env.store.db.getExecutor();
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      captured.push(executor.compileQuery(args.node, args.queryId));
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const store: Store = { ...env.store, db: env.store.db.withPlugin(plugin) };
  return { ctx: { ...env.ctx, store }, captured };
}

export interface ExplainedQuery {
  sql: string;
  plan: string[];
  /** A plan step that reads a whole table or index (SCAN without a covering lookup). */
  scans: string[];
}

type Param = string | number | bigint | Buffer | null;

/** A second, read-only connection to the same database file (WAL lets it read alongside). */
export function openReader(env: BenchEnv): SQLite.Database {
  return new SQLite(join(env.dataDir, DATABASE_FILE), { readonly: true });
}

function bindable(parameters: readonly unknown[]): Param[] {
  return parameters.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : (p as Param)));
}

/** EXPLAIN QUERY PLAN of each SELECT/UPDATE/DELETE in `queries`. */
export function explain(reader: SQLite.Database, queries: readonly CompiledQuery[]): ExplainedQuery[] {
  const out: ExplainedQuery[] = [];
  for (const q of queries) {
    if (!/^\s*(select|update|delete|with)/i.test(q.sql)) continue;
    const rows = reader.prepare(`explain query plan ${q.sql}`).all(...bindable(q.parameters)) as {
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
    out.push({ sql: q.sql, plan, scans });
  }
  return out;
}

/** Runs a compiled SELECT on the reader: raw engine time without Kysely or mapping. */
export function runRaw(reader: SQLite.Database, q: CompiledQuery): unknown[] {
  return reader.prepare(q.sql).all(...bindable(q.parameters));
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
export function timeStatements(reader: SQLite.Database, queries: readonly CompiledQuery[], runs = 20): StatementTiming[] {
  const out: StatementTiming[] = [];
  for (const q of queries) {
    let text = q.sql;
    const del = /^\s*delete\s+from\s+(.*)$/is.exec(text);
    if (del) text = `select count(*) from ${del[1]}`;
    else if (!/^\s*select/i.test(text)) continue;
    const stmt = reader.prepare(text);
    const params = bindable(q.parameters);
    const ms: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      stmt.all(...params);
      if (i >= 2) ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    out.push({ sql: q.sql, p50: ms[Math.floor((ms.length - 1) / 2)] as number, max: ms.at(-1) as number });
  }
  return out;
}
