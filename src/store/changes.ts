import { createHash } from 'node:crypto';
import { isOperationNodeSource, type Kysely, type Transaction } from 'kysely';
import { conflict } from '../core/errors.js';
import type { Db } from './db.js';
import { Slice, yieldToEventLoop } from './eventLoop.js';
import type { Database, TableName } from './schema.js';
import { shapedTemplate } from './statementTemplate.js';

type Row = Record<string, unknown>;

/**
 * One row-level change made by a command. Undo and redo replay these, so every command gets
 * undo for free by writing through a `ChangeRecorder` (DESIGN: "Every command that changes
 * data records what undoes it"). An insert keeps only its id until it is undone; the row is
 * captured then, for redo, so the history does not hold a second copy of every import. The
 * children inserted with a new parent (a source's turns) are one change, so an import's entry
 * stays a few hundred bytes whatever its size.
 */
export type Change =
  | { op: 'insert'; table: TableName; id: string; row?: Row; fingerprint?: string }
  | {
      op: 'insert-children';
      table: TableName;
      /** The rows are all those whose `column` is `id`: one change however many rows (an import's turns). */
      parent: { column: string; id: string };
      count: number;
      fingerprint: string;
      rows?: Row[];
    }
  | { op: 'update'; table: TableName; id: string; before: Row; after: Row }
  | {
      op: 'splice';
      table: TableName;
      id: string;
      column: string;
      /** UTF-16 index where `removed` stood before the change and `inserted` stands after it. */
      at: number;
      removed: string;
      inserted: string;
      /** Digests of the whole value before and after, to tell whether it was changed since. */
      before: string;
      after: string;
    }
  | {
      op: 'shift';
      table: 'segments' | 'turns';
      sourceId: string;
      /** The source's rows starting at or after `from` moved by `delta` code points (and `positions`, turns' order). */
      from: number;
      delta: number;
      positions: number;
      /** Fingerprints of those rows before and after, to tell whether they were changed since. */
      before: string;
      after: string;
    }
  | { op: 'delete'; table: TableName; row: Row };

/** Rows per statement: well under both engines' bound-parameter limits. */
const CHUNK = 400;

/** `items` a statement at a time, with a turn of the event loop between: a big import must not stall the server. */
async function* chunks<T>(items: T[], size = CHUNK): AsyncGenerator<T[]> {
  for (let i = 0; i < items.length; i += size) {
    if (i > 0) await yieldToEventLoop();
    yield items.slice(i, i + size);
  }
}

/**
 * A value this long (characters or bytes) is large: written by an update of its own and
 * fingerprinted as given, since the stored value is the same. Reading back a 15 MB text held the
 * event loop for a long while on both engines (a bytea even arrives as hex text, twice its size).
 */
export const LARGE_VALUE = 256 * 1024;

/** The large values of `row`. */
function largeValues(row: Row): Row {
  const large: Row = {};
  for (const [key, value] of Object.entries(row)) {
    const size = typeof value === 'string' ? value.length : value instanceof Uint8Array ? value.byteLength : 0;
    if (size >= LARGE_VALUE) large[key] = value;
  }
  return large;
}

/** Empty values of the same types as `values`, stored until the values are set. */
function emptied(values: Row): Row {
  const empty: Row = {};
  for (const [key, value] of Object.entries(values)) empty[key] = typeof value === 'string' ? '' : Buffer.alloc(0);
  return empty;
}

/** The insert of `rows`, stored as given (defaults filled in) and so returned; none for a row whose place is taken, with `unlessTaken`. */
function rowsInsert(db: Kysely<any>, table: TableName, rows: Row[], unlessTaken: boolean) {
  const insert = db.insertInto(table).values(rows);
  return (unlessTaken ? insert.onConflict((oc) => oc.doNothing()) : insert).returningAll();
}

/**
 * One row's insert, compiled once for each table and set of columns (shapedTemplate): a coding is
 * one row. Kysely leaves out a column whose value is undefined, so the columns are the shape.
 */
const oneRowInsert = shapedTemplate((db, v: Row, shape: { table: TableName; unlessTaken: boolean; columns: string[] }) =>
  rowsInsert(db as Kysely<any>, shape.table, [Object.fromEntries(shape.columns.map((c) => [c, v[c]]))], shape.unlessTaken),
);

/** rowsInsert of one row. */
async function insertOne(db: Kysely<any>, table: TableName, row: Row, unlessTaken: boolean): Promise<Row[]> {
  const columns = Object.keys(row).filter((column) => row[column] !== undefined);
  // A value given as SQL (an expression) is part of the statement, not a parameter.
  if (columns.some((column) => isOperationNodeSource(row[column])))
    return (await rowsInsert(db, table, [row], unlessTaken).execute()) as Row[];
  return (await oneRowInsert(db as Db, { table, unlessTaken, columns }, row)) as Row[];
}

/** Writes through a transaction and records each change so it can be undone. */
export class ChangeRecorder {
  readonly changes: Change[] = [];
  private readonly q: Kysely<any>;

  constructor(readonly trx: Transaction<Database>) {
    this.q = trx as unknown as Kysely<any>;
  }

  async insert<T extends TableName>(table: T, rows: Database[T] | Database[T][]): Promise<void> {
    const list = (Array.isArray(rows) ? rows : [rows]) as unknown as Row[];
    for await (const part of chunks(list)) await this.insertPart(table, part, { unlessTaken: false });
  }

  /**
   * Inserts `row` unless a unique constraint finds its place taken by another row, and says
   * whether it did: one statement, where looking for the other row first would be two.
   */
  async insertUnlessTaken<T extends TableName>(table: T, row: Database[T]): Promise<boolean> {
    return (await this.insertPart(table, [row as unknown as Row], { unlessTaken: true })) === 1;
  }

  /** Inserts one statement's rows and records each stored one; returns how many were stored. */
  private async insertPart(table: TableName, part: Row[], { unlessTaken }: { unlessTaken: boolean }): Promise<number> {
    // As stored (defaults filled in), so undo can tell whether the row changed since; returned
    // by the insert itself, one round trip to a database server rather than two. Large values
    // (a transcript's text, a piece of a file) are not read back: the row is stored with empty
    // ones, then each row's large values are set by a statement of their own (issue 13).
    const large = part.map(largeValues);
    const light = part.map((row, i) => ({ ...row, ...emptied(large[i] as Row) }));
    const stored =
      light.length === 1
        ? await insertOne(this.q, table, light[0] as Row, unlessTaken)
        : ((await rowsInsert(this.q, table, light, unlessTaken).execute()) as Row[]);
    const byId = new Map(stored.map((row) => [row.id as string, row]));
    for (const [i, row] of part.entries()) {
      const id = row.id as string;
      if (!byId.has(id)) continue;
      const values = large[i] as Row;
      if (Object.keys(values).length > 0) {
        await yieldToEventLoop();
        await this.q
          .updateTable(table as string)
          .set(values)
          .where('id', '=', id)
          .execute();
      }
      const digest = new RowDigest();
      await digest.addInSlices({ ...byId.get(id), ...values });
      this.changes.push({ op: 'insert', table, id, fingerprint: digest.value() });
    }
    return stored.length;
  }

  /**
   * Inserts the children of a parent inserted in this transaction (`rows` all have `column` =
   * `id`), recorded as one change. Undo deletes them by their parent and refuses if any was
   * added, removed or edited since.
   */
  async insertChildren<T extends TableName>(
    table: T,
    parent: { column: string; id: string },
    rows: Database[T][],
  ): Promise<void> {
    const list = rows as unknown as Row[];
    if (list.some((row) => row[parent.column] !== parent.id)) throw new Error(`${table}: a row of another parent`);
    if ((await childrenDigest(this.q, table, parent)).count > 0) throw new Error(`${table}: the parent has children already`);
    for await (const part of chunks(list)) await this.q.insertInto(table).values(part).execute();
    const { count, fingerprint } = await childrenDigest(this.q, table, parent);
    this.changes.push({ op: 'insert-children', table, parent, count, fingerprint });
  }

  /** Sets `patch` on row `id`, recording the values it replaces. */
  async update<T extends TableName>(table: T, id: string, patch: Partial<Database[T]>): Promise<void> {
    const columns = Object.keys(patch);
    if (columns.length === 0) return;
    const name = table as string;
    const before = (await this.q.selectFrom(name).select(columns).where('id', '=', id).executeTakeFirst()) as Row | undefined;
    if (!before) throw conflict('history.row-missing', { table, id });
    await this.q
      .updateTable(name)
      .set(patch as Row)
      .where('id', '=', id)
      .execute();
    this.changes.push({ op: 'update', table, id, before, after: patch as Row });
  }

  /**
   * Sets text column `column` of row `id` to `value`, recording only the stretch that changed: a
   * long transcript saved again and again while it is typed leaves small history entries.
   */
  async splice(table: TableName, id: string, column: string, value: string): Promise<void> {
    const row = (await this.q.selectFrom(table).select(column).where('id', '=', id).executeTakeFirst()) as Row | undefined;
    if (!row) throw conflict('history.row-missing', { table, id });
    const old = String(row[column]);
    if (old === value) return;
    await this.q
      .updateTable(table)
      .set({ [column]: value })
      .where('id', '=', id)
      .execute();
    this.changes.push({
      op: 'splice',
      table,
      id,
      column,
      ...changedStretch(old, value),
      before: digest(old),
      after: digest(value),
    });
  }

  /**
   * Moves every row of `table` in source `sourceId` starting at or after `from` by `delta` code
   * points (turns also by `positions` in their order), as one change: an edit early in a long
   * transcript shifts thousands of rows in two statements and leaves a small history entry.
   */
  async shift(table: 'segments' | 'turns', sourceId: string, from: number, delta: number, positions = 0): Promise<void> {
    if (delta === 0 && positions === 0) return;
    const before = await shiftedDigest(this.q, table, sourceId, from);
    await shiftRows(this.q, table, sourceId, from, delta, positions);
    const after = await shiftedDigest(this.q, table, sourceId, from + delta);
    this.changes.push({ op: 'shift', table, sourceId, from, delta, positions, before, after });
  }

  /** Deletes rows by id, recording each whole row so undo can put it back. */
  async delete(table: TableName, ids: string[]): Promise<void> {
    for await (const part of chunks(ids)) {
      const rows = (await this.q.selectFrom(table).selectAll().where('id', 'in', part).execute()) as Row[];
      await this.q.deleteFrom(table).where('id', 'in', part).execute();
      // Record in the caller's order (children before parents), so undo restores parents first.
      const byId = new Map(rows.map((r) => [r.id as string, r]));
      for (const id of part) {
        const row = byId.get(id);
        if (row) this.changes.push({ op: 'delete', table, row });
      }
    }
  }
}

/** Reverses `changes` (last first). Returns them with inserted rows captured, for redo. */
export async function revertChanges(trx: Transaction<Database>, changes: Change[]): Promise<Change[]> {
  const q = trx as unknown as Kysely<any>;
  const captured = [...changes];
  for (let i = changes.length - 1; i >= 0; i--) {
    const change = changes[i] as Change;
    if (change.op === 'insert') {
      const row = (await q.selectFrom(change.table).selectAll().where('id', '=', change.id).executeTakeFirst()) as
        | Row
        | undefined;
      // An inserted row edited since (outside this entry) is not silently deleted with its edits.
      if (!row || (change.fingerprint && fingerprint([row]) !== change.fingerprint)) {
        throw conflict('history.changed-since', { table: change.table });
      }
      await q
        .deleteFrom(change.table)
        .where('id', '=', change.id)
        .execute()
        .catch((e) => {
          // A row outside the history hangs on it (a recording attached to an imported source).
          throw isForeignKeyViolation(e) ? conflict('history.changed-since', { table: change.table }) : e;
        });
      captured[i] = { ...change, row };
    } else if (change.op === 'insert-children') {
      const rows = await children(q, change.table, change.parent);
      if (rows.length !== change.count || fingerprint(rows) !== change.fingerprint) {
        throw conflict('history.changed-since', { table: change.table });
      }
      await q.deleteFrom(change.table).where(change.parent.column, '=', change.parent.id).execute();
      captured[i] = { ...change, rows };
    } else if (change.op === 'update') {
      await expectValues(q, change.table, change.id, change.after);
      await q.updateTable(change.table).set(change.before).where('id', '=', change.id).execute();
    } else if (change.op === 'splice') {
      await spliceBack(q, change, 'after', change.inserted, change.removed);
    } else if (change.op === 'shift') {
      const { table, sourceId, from, delta, positions } = change;
      if ((await shiftedDigest(q, table, sourceId, from + delta)) !== change.after)
        throw conflict('history.changed-since', { table });
      await shiftRows(q, table, sourceId, from + delta, -delta, -positions);
    } else {
      await q.insertInto(change.table).values(change.row).execute();
    }
  }
  return captured;
}

/**
 * Applies `changes` again, in order, after they were reverted. Returns them without the rows
 * captured for redo: a redone entry is as small as the first one.
 */
export async function replayChanges(trx: Transaction<Database>, changes: Change[]): Promise<Change[]> {
  const q = trx as unknown as Kysely<any>;
  for (const change of changes) {
    if (change.op === 'insert') {
      if (!change.row) throw conflict('history.changed-since', { table: change.table });
      await q.insertInto(change.table).values(change.row).execute();
    } else if (change.op === 'insert-children') {
      if (!change.rows) throw conflict('history.changed-since', { table: change.table });
      for await (const part of chunks(change.rows)) await q.insertInto(change.table).values(part).execute();
    } else if (change.op === 'update') {
      await expectValues(q, change.table, change.id, change.before);
      await q.updateTable(change.table).set(change.after).where('id', '=', change.id).execute();
    } else if (change.op === 'splice') {
      await spliceBack(q, change, 'before', change.removed, change.inserted);
    } else if (change.op === 'shift') {
      const { table, sourceId, from, delta, positions } = change;
      if ((await shiftedDigest(q, table, sourceId, from)) !== change.before) throw conflict('history.changed-since', { table });
      await shiftRows(q, table, sourceId, from, delta, positions);
    } else {
      const gone = await q
        .deleteFrom(change.table)
        .where('id', '=', change.row.id as string)
        .executeTakeFirst();
      if (Number(gone.numDeletedRows) !== 1) throw conflict('history.changed-since', { table: change.table });
    }
  }
  return changes.map(withoutCaptured);
}

function withoutCaptured(change: Change): Change {
  if (change.op === 'insert') {
    const { row: _row, ...rest } = change;
    return rest;
  }
  if (change.op === 'insert-children') {
    const { rows: _rows, ...rest } = change;
    return rest;
  }
  return change;
}

/** The id a change is about, for the audit log: the row's, or for children their parent's (a shift's: its source). */
export function changedId(change: Change): string {
  if (change.op === 'delete') return String(change.row.id);
  if (change.op === 'shift') return change.sourceId;
  return change.op === 'insert-children' ? change.parent.id : change.id;
}

/** SQLite's and PostgreSQL's (23503) refusal to delete a row another row still refers to. */
function isForeignKeyViolation(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
}

/** Where two texts differ: past their common start and before their common end. */
function changedStretch(old: string, value: string) {
  const shorter = Math.min(old.length, value.length);
  let at = 0;
  while (at < shorter && old.charCodeAt(at) === value.charCodeAt(at)) at++;
  let tail = 0;
  while (tail < shorter - at && old.charCodeAt(old.length - 1 - tail) === value.charCodeAt(value.length - 1 - tail)) tail++;
  return { at, removed: old.slice(at, old.length - tail), inserted: value.slice(at, value.length - tail) };
}

/** Puts `replacement` where `stretch` stands, once the value is as `expected` left it; else refuses. */
async function spliceBack(
  q: Kysely<any>,
  change: Extract<Change, { op: 'splice' }>,
  expected: 'before' | 'after',
  stretch: string,
  replacement: string,
) {
  const row = (await q.selectFrom(change.table).select(change.column).where('id', '=', change.id).executeTakeFirst()) as
    | Row
    | undefined;
  const value = row ? String(row[change.column]) : null;
  if (value === null || digest(value) !== change[expected]) throw conflict('history.changed-since', { table: change.table });
  const spliced = value.slice(0, change.at) + replacement + value.slice(change.at + stretch.length);
  await q
    .updateTable(change.table)
    .set({ [change.column]: spliced })
    .where('id', '=', change.id)
    .execute();
}

/**
 * Offsets of moving rows pass through a range above every real offset (texts are far shorter
 * than 10⁹ code points; PostgreSQL's integer ends at 2³¹), so that no row lands, even for a
 * moment, on a place another still holds: segments are unique per place.
 */
const SHIFT_RANGE = 1_000_000_000;

async function shiftRows(q: Kysely<any>, table: string, sourceId: string, from: number, delta: number, positions: number) {
  // Turns have no place of their own to collide on: one statement moves them.
  const through = table === 'segments' ? SHIFT_RANGE : 0;
  await q
    .updateTable(table)
    .set((eb: any) => ({
      start_offset: eb('start_offset', '+', delta + through),
      end_offset: eb('end_offset', '+', delta + through),
      ...(positions !== 0 && { position: eb('position', '+', positions) }),
    }))
    .where('source_id', '=', sourceId)
    .where('start_offset', '>=', from)
    .execute();
  if (through === 0) return;
  await q
    .updateTable(table)
    .set((eb: any) => ({
      start_offset: eb('start_offset', '-', SHIFT_RANGE),
      end_offset: eb('end_offset', '-', SHIFT_RANGE),
    }))
    .where('source_id', '=', sourceId)
    .where('start_offset', '>=', SHIFT_RANGE)
    .execute();
}

/** A fingerprint of where the rows a shift moves (or moved) lie, streamed in id order. */
async function shiftedDigest(q: Kysely<any>, table: string, sourceId: string, from: number): Promise<string> {
  const digest = new RowDigest();
  const slice = new Slice();
  const rows = q
    .selectFrom(table)
    .select(['id', 'start_offset', 'end_offset'])
    .where('source_id', '=', sourceId)
    .where('start_offset', '>=', from)
    .orderBy('id');
  for await (const row of rows.stream(1000)) {
    digest.add(row as Row);
    if (slice.due()) await slice.pause();
  }
  return digest.value();
}

const digest = (text: string) => createHash('sha256').update(text).digest('base64').slice(0, 22);

/** Refuses to undo or redo over a row someone changed since: never silently overwrite. */
async function expectValues(q: Kysely<any>, table: TableName, id: string, expected: Row): Promise<void> {
  const columns = Object.keys(expected);
  const row = (await q.selectFrom(table).select(columns).where('id', '=', id).executeTakeFirst()) as Row | undefined;
  const same = row && columns.every((c) => sameValue(row[c], expected[c]));
  if (!same) throw conflict('history.changed-since', { table });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b) === 0;
  return a === b;
}

/** The children of `parent` in `table`, in id order (the order their fingerprint is taken in). */
function childrenQuery(q: Kysely<any>, table: TableName, parent: { column: string; id: string }) {
  return q.selectFrom(table).selectAll().where(parent.column, '=', parent.id).orderBy('id');
}

async function children(q: Kysely<any>, table: TableName, parent: { column: string; id: string }): Promise<Row[]> {
  return (await childrenQuery(q, table, parent).execute()) as Row[];
}

/**
 * Count and fingerprint of the children, streamed: an import's turns are not all held at once. A
 * thousand rows per fetch on PostgreSQL (the default hundred cost a transcript's import three round trips more).
 */
async function childrenDigest(q: Kysely<any>, table: TableName, parent: { column: string; id: string }) {
  const digest = new RowDigest();
  const slice = new Slice();
  for await (const row of childrenQuery(q, table, parent).stream(1000)) {
    digest.add(row as Row);
    if (slice.due()) await slice.pause();
  }
  return { count: digest.count, fingerprint: digest.value() };
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

const fingerprint = (rows: Row[]): string => {
  const digest = new RowDigest();
  for (const row of rows) digest.add(row);
  return digest.value();
};

/**
 * A short digest of rows' values, to tell later whether they were changed. Each value is hashed
 * as it is, with its type and length: no JSON copy of a large text or file.
 */
class RowDigest {
  private readonly hash = createHash('sha256');
  count = 0;

  add(row: Row): void {
    for (const key of Object.keys(row).sort()) this.addValue(key, row[key]);
    this.endRow();
  }

  /**
   * As `add`, with a turn of the event loop between pieces of a large text: hashing a 15 MB
   * transcript at once held the server 30 ms. The digest is the same.
   */
  async addInSlices(row: Row): Promise<void> {
    for (const key of Object.keys(row).sort()) {
      const value = row[key];
      if (typeof value !== 'string' || value.length < LARGE_VALUE) {
        this.addValue(key, value);
        continue;
      }
      this.hash.update(`${key}\0s${value.length}\0`);
      for (let at = 0; at < value.length; ) {
        await yieldToEventLoop();
        // A piece never ends between the two halves of a surrogate pair: each would hash as U+FFFD.
        let end = Math.min(at + LARGE_VALUE, value.length);
        if (end < value.length && isHighSurrogate(value.charCodeAt(end - 1))) end++;
        this.hash.update(value.slice(at, end));
        at = end;
      }
    }
    this.endRow();
  }

  private addValue(key: string, value: unknown): void {
    this.hash.update(`${key}\0`);
    if (value instanceof Uint8Array) this.hash.update(`b${value.byteLength}\0`).update(value);
    else if (typeof value === 'string') this.hash.update(`s${value.length}\0`).update(value);
    else this.hash.update(`${typeof value}:${String(value)}\0`);
  }

  private endRow(): void {
    this.hash.update('\n');
    this.count++;
  }

  value(): string {
    return this.hash.digest('base64').slice(0, 22);
  }
}

/**
 * JSON for the history table; binary columns survive as `{ "$bytes": base64 }`. Bytes are
 * encoded from the row that holds them: JSON.stringify would first turn a Buffer into an array
 * of one number per byte, which for a file of many MB exhausts the heap.
 */
export function serializeChanges(changes: Change[]): string {
  return JSON.stringify(changes, (_key, value) => (isRowWithBytes(value) ? withEncodedBytes(value) : value));
}

function isRowWithBytes(value: unknown): value is Row {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    Object.values(value).some((v) => v instanceof Uint8Array)
  );
}

function withEncodedBytes(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] =
      value instanceof Uint8Array
        ? { $bytes: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
        : value;
  }
  return out;
}

export function parseChanges(json: string): Change[] {
  return JSON.parse(json, (_key, value) =>
    value && typeof value === 'object' && typeof value.$bytes === 'string' ? Buffer.from(value.$bytes, 'base64') : value,
  );
}
