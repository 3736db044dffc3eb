import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { CompiledQuery, QueryResult } from 'kysely';

/**
 * Kysely's SQLite connection prepares every statement anew: for a short command (applying a
 * code runs a dozen small statements) compiling the SQL costs more than running it. Statements
 * are kept by their SQL and reused, the least recently used dropped first. Long SQL (a bulk
 * insert's hundreds of rows) is prepared each time, as before: it is rare and its compiled
 * program large. Each run ends before it returns (all/run), so a kept statement is never busy.
 */

/** How many statements are kept: more than the distinct statements of the busiest commands. */
const KEPT = 200;

/** SQL longer than this is prepared each time. */
const LONGEST_KEPT = 4_000;

export class PreparedStatements {
  private readonly kept = new Map<string, SQLite.Statement>();

  constructor(private readonly sqlite: SQLite.Database) {}

  /** Runs a compiled query as Kysely's own SQLite connection does, on a kept statement. */
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.statement(query.sql);
    const parameters = query.parameters as unknown[];
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

  private statement(sql: string): SQLite.Statement {
    if (sql.length > LONGEST_KEPT) return this.sqlite.prepare(sql);
    const found = this.kept.get(sql);
    if (found) {
      // Most recently used last: a Map keeps insertion order.
      this.kept.delete(sql);
      this.kept.set(sql, found);
      return found;
    }
    const stmt = this.sqlite.prepare(sql);
    this.kept.set(sql, stmt);
    if (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value as string);
    return stmt;
  }
}
