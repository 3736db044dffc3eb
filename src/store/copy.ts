import { createHash } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { KodaError } from '../core/errors.js';
import { DATABASE_FILE, type Db, hasEmbeddedStore, openStore, type Store } from './db.js';
import { KEY_FILE } from './encryption.js';
import { yieldToEventLoop } from './eventLoop.js';

/**
 * A whole study copied from one store to another, across engines (embedded SQLite ⇄ PostgreSQL):
 * every table the database has, row for row under the same ids, so history (undo) and the audit
 * log carry over. The target's writes are one transaction, verified before it commits: an
 * interrupted or mismatching copy leaves the target as empty as it was.
 */

/**
 * Not copied: SQLite's own tables, and the search index (`search_sources`, `search_paragraphs`
 * and FTS5's shadow tables), which differs per engine and is rebuilt by the next search.
 * The migrations' tables are the target's own: openStore has migrated it.
 */
const NOT_COPIED = /^(sqlite_|search_sources$|search_paragraphs)/;

/** A table as the copy needs it. */
export interface TableShape {
  name: string;
  /** Sorted, so the canonical form of a row is the same whatever order an engine lists them in. */
  columns: string[];
  primaryKey: string[];
  /** Columns referring to the table itself (a code's parent): written after all its rows. */
  selfReferences: string[];
}

export interface TableCopy {
  table: string;
  rows: number;
  /** SHA-256 of the table's rows in primary-key order, the same on both engines. */
  hash: string;
}

export interface CopyProgress {
  table: string;
  /** Rows copied so far, over all tables. */
  done: number;
  total: number;
}

export interface CopyOptions {
  onProgress?: (p: CopyProgress) => void;
  /** Last write of the target's transaction, after the copy is verified: the copy's audit event. */
  finish?: (target: Db, tables: TableCopy[]) => Promise<void>;
  /** For tests: runs in the target's transaction after each table, to fail or tamper there. */
  afterTable?: (table: string, target: Db) => Promise<void>;
}

/** Rows a page starts with; pages of small rows grow, pages of large ones (texts, files) shrink. */
const FIRST_PAGE_ROWS = 50;
const MAX_PAGE_ROWS = 2_000;
const PAGE_BYTES = 4 * 1024 * 1024;

/**
 * Copies every table of `source` into `target`, which must hold no data. Both sides run in a
 * transaction: the source's keeps writers out so the copy is one consistent state; the
 * target's commits only once each table's row count and content hash match the source's.
 */
export async function copyStore(source: Store, target: Store, options: CopyOptions = {}): Promise<TableCopy[]> {
  const shapes = await tableShapes(source);
  const copied = await source.db.transaction().execute((from) =>
    target.db.transaction().execute(async (to) => {
      await assertEmpty(to, shapes);
      const progress = { done: 0, total: 0 };
      for (const shape of shapes) progress.total += await countRows(from, shape.name);
      const copied: TableCopy[] = [];
      for (const shape of shapes) {
        copied.push(
          await copyTable(from, to, shape, (rows) => {
            progress.done += rows;
            options.onProgress?.({ table: shape.name, ...progress });
          }),
        );
        await options.afterTable?.(shape.name, to);
      }
      for (const [i, shape] of shapes.entries()) await verifyTable(to, shape, copied[i] as TableCopy);
      await options.finish?.(to, copied);
      return copied;
    }),
  );
  // PostgreSQL plans queries from statistics that autovacuum gathers only later: a study copied
  // in seconds would be read with guesses (5 rows a code) until then.
  if (target.engine === 'postgres') await sql`analyze`.execute(target.db);
  return copied;
}

/** The tables to copy, parents before the tables that refer to them. */
export async function tableShapes(store: Store): Promise<TableShape[]> {
  const tables = (await store.db.introspection.getTables()).filter((t) => !t.isView && !NOT_COPIED.test(t.name));
  const shapes = new Map<string, TableShape & { parents: string[] }>();
  for (const t of tables) {
    const keys = await foreignKeys(store, t.name);
    shapes.set(t.name, {
      name: t.name,
      columns: t.columns.map((c) => c.name).sort(),
      primaryKey: await primaryKey(store, t.name),
      selfReferences: keys.filter((k) => k.parent === t.name).map((k) => k.column),
      parents: keys.map((k) => k.parent).filter((p) => p !== t.name),
    });
  }
  return parentsFirst([...shapes.values()]).map(({ parents: _, ...shape }) => shape);
}

/** Kahn's order, alphabetical among equals so every run copies alike. */
function parentsFirst<T extends { name: string; parents: string[] }>(tables: T[]): T[] {
  const names = new Set(tables.map((t) => t.name));
  const placed = new Set<string>();
  const order: T[] = [];
  let pending = [...tables].sort((a, b) => (a.name < b.name ? -1 : 1));
  while (pending.length > 0) {
    const ready = pending.filter((t) => t.parents.every((p) => placed.has(p) || !names.has(p)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle: ${pending.map((t) => t.name).join(', ')}`);
    for (const t of ready) placed.add(t.name);
    order.push(...ready);
    pending = pending.filter((t) => !placed.has(t.name));
  }
  return order;
}

/** The catalogue differs per engine; everything else in this file is the same SQL on both. */
async function primaryKey(store: Store, table: string): Promise<string[]> {
  const query =
    store.engine === 'sqlite'
      ? sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`
      : sql<{ name: string }>`select a.attname as name from pg_index i
          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
          where i.indrelid = ${table}::regclass and i.indisprimary
          order by array_position(i.indkey::int2[], a.attnum)`;
  const { rows } = await query.execute(store.db);
  if (rows.length === 0) throw new Error(`table ${table} has no primary key to copy it in order by`);
  return rows.map((r) => r.name);
}

async function foreignKeys(store: Store, table: string): Promise<{ column: string; parent: string }[]> {
  const query =
    store.engine === 'sqlite'
      ? sql<{
          column: string;
          parent: string;
        }>`select "from" as "column", "table" as parent from pragma_foreign_key_list(${table})`
      : sql<{ column: string; parent: string }>`select a.attname as "column", p.relname as parent from pg_constraint c
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          join pg_class p on p.oid = c.confrelid
          where c.contype = 'f' and c.conrelid = ${table}::regclass`;
  return (await query.execute(store.db)).rows;
}

/** Dynamic table names: the shapes come from the database, not from the compiled schema. */
const loose = (db: Db) => db as unknown as Kysely<Record<string, Record<string, unknown>>>;

async function countRows(db: Db, table: string): Promise<number> {
  const row = await loose(db)
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function assertEmpty(target: Db, shapes: TableShape[]): Promise<void> {
  for (const shape of shapes) {
    if ((await countRows(target, shape.name)) > 0)
      throw new KodaError('store.copy-target-not-empty', { table: shape.name }, 'conflict');
  }
}

type Row = Record<string, unknown>;

/**
 * A table's rows a page at a time in primary-key order (keyset: each page starts after the last
 * key of the one before), the event loop turning between pages.
 */
async function* pages(db: Db, shape: TableShape): AsyncGenerator<Row[]> {
  const key = shape.primaryKey;
  let after: Row | undefined;
  let limit = FIRST_PAGE_ROWS;
  for (;;) {
    let query = loose(db).selectFrom(shape.name).selectAll();
    if (after) {
      const last = after;
      query = query.where(sql<boolean>`(${sql.join(key.map((c) => sql.ref(c)))}) > (${sql.join(key.map((c) => last[c]))})`);
    }
    const rows = (await key
      .reduce((q, c) => q.orderBy(c), query)
      .limit(limit)
      .execute()) as Row[];
    if (rows.length > 0) yield rows;
    if (rows.length < limit) return;
    after = rows.at(-1);
    limit = nextPageRows(limit, rows);
    await yieldToEventLoop();
  }
}

function nextPageRows(limit: number, rows: Row[]): number {
  const bytes = rows.reduce((sum, row) => sum + Object.values(row).reduce<number>((s, v) => s + sizeOf(v), 0), 0);
  if (bytes > PAGE_BYTES) return Math.max(1, Math.floor(limit / 2));
  return bytes < PAGE_BYTES / 4 ? Math.min(MAX_PAGE_ROWS, limit * 2) : limit;
}

const sizeOf = (v: unknown) => (typeof v === 'string' ? v.length * 2 : v instanceof Uint8Array ? v.byteLength : 8);

/**
 * One row as the hash reads it, the same on both engines: values in column-name order, numbers
 * as numbers, bytes as hex, null as null.
 */
export function canonicalRow(columns: string[], row: Row): string {
  return JSON.stringify(columns.map((c) => canonicalValue(row[c])));
}

function canonicalValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex') };
  if (typeof v === 'bigint') return Number(v);
  return v ?? null;
}

async function copyTable(from: Db, to: Db, shape: TableShape, copied: (rows: number) => void): Promise<TableCopy> {
  const hash = createHash('sha256');
  const laterLinks: Row[] = [];
  let rows = 0;
  for await (const page of pages(from, shape)) {
    for (const row of page) hash.update(`${canonicalRow(shape.columns, row)}\n`);
    await loose(to)
      .insertInto(shape.name)
      .values(page.map((row) => withoutSelfReferences(shape, row, laterLinks)))
      .execute();
    rows += page.length;
    copied(page.length);
  }
  await linkToSelf(to, shape, laterLinks);
  return { table: shape.name, rows, hash: hash.digest('hex') };
}

/**
 * A row that refers to its own table (a code under its parent) goes in without the reference,
 * which is set once every row is there: no order of the rows has to be found.
 */
function withoutSelfReferences(shape: TableShape, row: Row, laterLinks: Row[]): Row {
  const links = shape.selfReferences.filter((c) => row[c] !== null && row[c] !== undefined);
  if (links.length === 0) return row;
  laterLinks.push(Object.fromEntries([...shape.primaryKey, ...links].map((c) => [c, row[c]])));
  return { ...row, ...Object.fromEntries(links.map((c) => [c, null])) };
}

async function linkToSelf(to: Db, shape: TableShape, laterLinks: Row[]): Promise<void> {
  for (const link of laterLinks) {
    const set = Object.fromEntries(shape.selfReferences.filter((c) => c in link).map((c) => [c, link[c]]));
    await shape.primaryKey.reduce((q, c) => q.where(c, '=', link[c]), loose(to).updateTable(shape.name).set(set)).execute();
  }
}

/** Reads the target's table back and compares it with what was read from the source. */
async function verifyTable(to: Db, shape: TableShape, expected: TableCopy): Promise<void> {
  const hash = createHash('sha256');
  let rows = 0;
  for await (const page of pages(to, shape)) {
    for (const row of page) hash.update(`${canonicalRow(shape.columns, row)}\n`);
    rows += page.length;
  }
  if (rows !== expected.rows || hash.digest('hex') !== expected.hash) {
    throw new KodaError('store.copy-mismatch', { table: shape.name }, 'conflict');
  }
}

/**
 * Where a copy into a data folder is written; renamed into place only once verified. One left
 * by an interrupted copy (a kill, a power cut) is removed by the next.
 */
export const INCOMING_FOLDER = '.koda-copy-incoming';

/**
 * Copies `source` into the embedded store of `dataDir`, which must have none yet or an empty one.
 * The new database is written and verified in a folder of its own inside the data folder, then
 * renamed into place: until that rename the data folder holds no copied row.
 */
export async function copyIntoDataFolder(
  source: Store,
  dataDir: string,
  passphrase: string | undefined,
  options: CopyOptions = {},
): Promise<TableCopy[]> {
  await assertNoDataIn(dataDir, passphrase);
  const incoming = join(dataDir, INCOMING_FOLDER);
  rmSync(incoming, { recursive: true, force: true });
  const target = await openStore(incoming, { passphrase });
  let tables: TableCopy[];
  try {
    tables = await copyStore(source, target, options);
  } catch (e) {
    await target.close();
    rmSync(incoming, { recursive: true, force: true });
    throw e;
  }
  await target.close();
  moveIntoPlace(incoming, dataDir);
  return tables;
}

/** The data folder's own store, if it has one, must be empty: it is replaced. */
async function assertNoDataIn(dataDir: string, passphrase: string | undefined): Promise<void> {
  if (!hasEmbeddedStore(dataDir)) return;
  const existing = await openStore(dataDir, { passphrase });
  try {
    await assertEmpty(existing.db, await tableShapes(existing));
  } finally {
    await existing.close();
  }
}

/** The old empty store's files go first, the key file next, the database last: its rename commits. */
function moveIntoPlace(incoming: string, dataDir: string): void {
  for (const file of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEY_FILE]) {
    rmSync(join(dataDir, file), { force: true });
  }
  if (existsSync(join(incoming, KEY_FILE))) renameSync(join(incoming, KEY_FILE), join(dataDir, KEY_FILE));
  renameSync(join(incoming, DATABASE_FILE), join(dataDir, DATABASE_FILE));
  rmSync(incoming, { recursive: true, force: true });
}
