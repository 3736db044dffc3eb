import { type Db, engineOf } from '../../store/db.js';
import { yieldToEventLoop } from '../../store/eventLoop.js';

/** Rows read per query: each page is a short query, and the event loop turns after each. */
export const PAGE_ROWS = 1_000;

/**
 * A large read a page at a time (issue 13: 200,000 rows read in one synchronous call held the
 * server for seconds). `read` runs one query of at most `limit` rows after the last row of the
 * page before (none for the first): a keyset in an index's order, so each page starts where the
 * last ended rather than reading past the rows already given. After each page, the last too,
 * the event loop turns and other requests get the connection: a read of many small parts (a
 * page per source of 500) holds the server no longer than one of few big ones.
 */
export async function* inPages<Row>(
  read: (after: Row | undefined, limit: number) => Promise<Row[]>,
  pageRows = PAGE_ROWS,
): AsyncGenerator<Row[]> {
  let after: Row | undefined;
  for (;;) {
    const rows = await read(after, pageRows);
    await yieldToEventLoop();
    if (rows.length > 0) yield rows;
    if (rows.length < pageRows) return;
    after = rows.at(-1);
  }
}

/**
 * Paged reads run side by side on PostgreSQL: each statement is a round trip to the database
 * server, and on a busy machine a matrix's 50 codes one after another waited for the server's
 * turn 50 times (issue 13). On SQLite one at a time: a statement runs on the server's own thread,
 * so reads started together would hold the event loop together.
 */
const IN_FLIGHT = { sqlite: 1, postgres: 4 };

/** `read` for each item, several at once where the engine gains by it (IN_FLIGHT); answers in the items' order. */
export async function readEach<T, U>(db: Db, items: readonly T[], read: (item: T) => Promise<U>): Promise<U[]> {
  const out: U[] = new Array(items.length);
  let next = 0;
  const reader = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await read(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT[engineOf(db)], items.length) }, reader));
  return out;
}
