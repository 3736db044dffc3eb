import type SQLite from 'better-sqlite3-multiple-ciphers';
import type { CompiledQuery, QueryResult } from 'kysely';
import { iterate, PreparedStatements } from './preparedStatements.js';

/**
 * The embedded store's second connection, for reads outside a transaction. SQLite lets readers
 * go on beside a writer in WAL mode, but one connection runs one thing at a time: with only the
 * writer's, a big import's transaction (15 s for a 64 MB subtitle file) held every other request's
 * reads back until its COMMIT (issue 13: long work does not stop other people's requests). A read
 * here sees every transaction committed before it began. Opened on the first read, closed while
 * the store is rekeyed (which needs the file to itself), and opened again after with the new key.
 */
export class ReaderConnection {
  #connection: { sqlite: SQLite.Database; statements: PreparedStatements } | undefined;
  #suspended = false;

  /** `open`: a new connection to the store, unlocked, set to refuse writes. */
  constructor(private readonly open: () => SQLite.Database) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.#opened().statements.executeQuery<R>(query);
  }

  /** The rows of a SELECT, `chunkSize` at a time. */
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return iterate<R>(this.#opened().sqlite, query, chunkSize);
  }

  /** Whether reads may come here now (not while the store is rekeyed: they take the writer in turn). */
  get available(): boolean {
    return !this.#suspended;
  }

  /** Runs `work` (a rekey, which needs the file to itself) with this connection closed; the next read opens it again. */
  async whileClosed<T>(work: () => Promise<T>): Promise<T> {
    this.close();
    this.#suspended = true;
    try {
      return await work();
    } finally {
      this.#suspended = false;
    }
  }

  close(): void {
    this.#connection?.sqlite.close();
    this.#connection = undefined;
  }

  #opened(): { sqlite: SQLite.Database; statements: PreparedStatements } {
    if (!this.#connection) {
      const sqlite = this.open();
      this.#connection = { sqlite, statements: new PreparedStatements(sqlite) };
    }
    return this.#connection;
  }
}
