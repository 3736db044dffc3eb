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
