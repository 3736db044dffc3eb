import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/db.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { onPostgres } from '../engine.js';
import { tempStore } from '../helpers.js';

/**
 * Long work does not stop other people's requests (issue 13): a read outside a transaction is
 * answered while another transaction holds the writer, and sees what was committed before it,
 * not what that transaction has written yet. On SQLite the reads have a connection of their own
 * (readerConnection.ts); on PostgreSQL another of the pool's.
 */
let store: Store;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ store, cleanup } = await tempStore());
});
afterEach(async () => {
  await cleanup();
});

const projectNames = async (s: Store) =>
  (await s.db.selectFrom('projects').select('name').orderBy('name').execute()).map((p) => p.name);

const addProject = (db: Store['db'], name: string) =>
  db
    .insertInto('projects')
    .values({ id: newId(), name, description: '', language: 'sv', created_at: nowIso() } as never)
    .execute();

/** `read` started while the transaction is open, awaited inside it: it must settle before the COMMIT. */
async function readDuringTransaction<T>(s: Store, read: () => Promise<T>): Promise<T> {
  let answer: { value: T } | undefined;
  await s.db.transaction().execute(async (trx) => {
    await addProject(trx, 'uncommitted');
    // Before, the read waited for this transaction's end, which waited for the read: it never came.
    const value = await Promise.race([
      read(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the read waited for the transaction')), 10_000)),
    ]);
    answer = { value };
  });
  return (answer as { value: T }).value;
}

describe('reads beside a transaction', () => {
  it('answers a read while another transaction is open, with only what was committed', async () => {
    await addProject(store.db, 'committed');
    expect(await readDuringTransaction(store, () => projectNames(store))).toEqual(['committed']);
    expect(await projectNames(store)).toEqual(['committed', 'uncommitted']);
  });

  it('streams rows while another transaction is open', async () => {
    await addProject(store.db, 'a');
    await addProject(store.db, 'b');
    const streamed = await readDuringTransaction(store, async () => {
      const names: string[] = [];
      for await (const row of store.db.selectFrom('projects').select('name').orderBy('name').stream(1)) names.push(row.name);
      return names;
    });
    expect(streamed).toEqual(['a', 'b']);
  });

  // SQLite has one writer: a write waits for it. PostgreSQL's connections write side by side.
  it.skipIf(onPostgres)('makes a write outside a transaction wait for the open one, then applies it', async () => {
    let written: Promise<unknown> | undefined;
    await store.db.transaction().execute(async (trx) => {
      await addProject(trx, 'first');
      written = addProject(store.db, 'second');
      // Given time, the write still has not run: the transaction holds the writer.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await trx.selectFrom('projects').select('name').execute()).toEqual([{ name: 'first' }]);
    });
    await written;
    expect(await projectNames(store)).toEqual(['first', 'second']);
  });

  it.skipIf(onPostgres)('reads on after the store is encrypted with a reader open, and after a rekey', async () => {
    await addProject(store.db, 'before');
    expect(await projectNames(store)).toEqual(['before']);
    await store.rekey('a long enough secret');
    await addProject(store.db, 'after');
    expect(await projectNames(store)).toEqual(['after', 'before']);
    await store.rekey('another long secret');
    expect(await projectNames(store)).toEqual(['after', 'before']);
  });
});
