import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { CompiledQuery, QueryResult } from 'kysely';

/**
 * Kysely's SQLite connection prepares every statement anew: for a short command (applying a
 * code runs a dozen small statements) compiling the SQL costs more than running it. Statements
 * are kept by their SQL and reused, the least recently used dropped first. Long SQL (a bulk
 * insert's hundreds of rows) is prepared each time, as before: it is rare and its compiled
 * program large. Each run ends before it returns (all/run), so a kept statement is never busy.
 * A reading statement answers arrays of values (raw) made into rows here: better-sqlite3 names
 * every column of every row anew, a quarter of the time reading 10,000 segments took (issue 17).
 */

/** How many statements are kept: more than the distinct statements of the busiest commands. */
const KEPT = 200;

/** SQL longer than this is prepared each time. */
const LONGEST_KEPT = 4_000;

/** A prepared statement; a reading one with how its raw values become a row. */
interface Prepared {
  stmt: SQLite.Statement;
  rowOf: ((values: unknown[]) => Record<string, unknown>) | null;
}

export class PreparedStatements {
  private readonly kept = new Map<string, Prepared>();
  /** Whether the last statement run may have written (anything but a read-only statement). */
  lastMayHaveWritten = false;

  constructor(private readonly sqlite: SQLite.Database) {}

  /** Runs a compiled query as Kysely's own SQLite connection does, on a kept statement. */
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const { stmt, rowOf } = this.statement(query.sql);
    const parameters = query.parameters as unknown[];
    // Not `reader`: an INSERT … RETURNING reads and writes.
    this.lastMayHaveWritten = !stmt.readonly;
    if (rowOf) return { rows: (stmt.all(parameters) as unknown[][]).map(rowOf) as R[] };
    if (stmt.reader) return { rows: stmt.all(parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(parameters);
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId: lastInsertRowid !== undefined && lastInsertRowid !== null ? BigInt(lastInsertRowid) : undefined,
      rows: [],
    };
  }

  /** How many statements are kept now. */
  get size(): number {
    return this.kept.size;
  }

  private statement(sql: string): Prepared {
    if (sql.length > LONGEST_KEPT) return prepared(this.sqlite.prepare(sql));
    const found = this.kept.get(sql);
    if (found) {
      // Most recently used last: a Map keeps insertion order.
      this.kept.delete(sql);
      this.kept.set(sql, found);
      return found;
    }
    const made = prepared(this.sqlite.prepare(sql));
    this.kept.set(sql, made);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return made;
  }
}

/** A reading statement switched to raw values, unless a column's name would set a row's prototype. */
function prepared(stmt: SQLite.Statement): Prepared {
  if (!stmt.reader) return { stmt, rowOf: null };
  const names = stmt.columns().map((c) => c.name);
  if (names.includes('__proto__')) return { stmt, rowOf: null };
  stmt.raw(true);
  return { stmt, rowOf: rowMaker(names) };
}

/**
 * Values to a row keyed by column name, as better-sqlite3 makes it (a later column of the same
 * name wins). Made from source per statement: an object literal of fixed keys builds each row in
 * one step, the same shape every time.
 */
function rowMaker(names: string[]): (values: unknown[]) => Record<string, unknown> {
  const fields = names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`);
  return new Function('v', `return { ${fields.join(', ')} };`) as (values: unknown[]) => Record<string, unknown>;
}

/**
 * A SELECT's rows `chunkSize` at a time (Kysely's stream size), on a statement of its own (kept
 * ones answer all rows at once), raw and made into rows here as they are. Each yield is a few
 * promise turns through the driver's layers: one per row cost the agreement of 37,000 segments
 * about a third of its time.
 */
export async function* iterate<R>(
  sqlite: SQLite.Database,
  query: CompiledQuery,
  chunkSize = 1,
): AsyncIterableIterator<QueryResult<R>> {
  const { stmt, rowOf } = prepared(sqlite.prepare(query.sql));
  let rows: R[] = [];
  for (const values of stmt.iterate(query.parameters as unknown[])) {
    rows.push((rowOf ? rowOf(values as unknown[]) : values) as R);
    if (rows.length < chunkSize) continue;
    yield { rows };
    rows = [];
  }
  if (rows.length > 0) yield { rows };
}
