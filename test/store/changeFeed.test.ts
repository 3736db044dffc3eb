import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeClosing, type FeedListener, feedPayload, MAX_PAYLOAD_BYTES } from '../../src/store/changeFeed.js';
import type { Db } from '../../src/store/db.js';
import { onPostgres } from '../engine.js';
import { tempStore } from '../helpers.js';

/** The change feed: changes announced through PostgreSQL on commit; nothing at all on SQLite. */

const change = (objectIds: string[]) => ({ projectId: 'p', action: 'code.add', stale: ['codebook'], objectIds });

/** A change closed by its announcement alone. */
const announceOnly = changeClosing<Record<string, never>>([]);
const announceChange = (db: Db, engine: 'sqlite' | 'postgres', event: ReturnType<typeof change>) =>
  announceOnly(db, engine, event, {});

describe('a change as the feed sends it', () => {
  it('keeps a change whole when it fits', () => {
    const small = change([randomUUID(), randomUUID()]);
    expect(JSON.parse(feedPayload(small))).toEqual(small);
  });

  it('sends a change too big for a NOTIFY without its ids, marked so views reload all its kinds cover', () => {
    const big = change(Array.from({ length: 400 }, () => randomUUID()));
    expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(8000);
    const sent = feedPayload(big);
    expect(Buffer.byteLength(sent)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    expect(JSON.parse(sent)).toEqual({ ...big, objectIds: [], objectIdsOmitted: true });
  });
});

describe('the feed of the store under test', () => {
  let env: Awaited<ReturnType<typeof tempStore>>;
  let listener: FeedListener | undefined;
  beforeEach(async () => {
    env = await tempStore();
  });
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
    await env.cleanup();
  });

  it.runIf(!onPostgres)('is absent on SQLite: its changes are told in-process, announcing is a no-op', async () => {
    expect(env.store.listen).toBeUndefined();
    await env.store.db.transaction().execute((trx) => announceChange(trx, env.store.engine, change(['x'])));
  });

  it("runs a change's closing writes with its announcement, and rolls them back with its transaction", async () => {
    const project = (id: string) => ({ id, name: id, language: 'sv', description: '', created_at: 't0' });
    const insert = (key: 'first' | 'second') => (db: Db, v: { first: string; second: string }) =>
      db.insertInto('projects').values(project(v[key]));
    const closeTwo = changeClosing([insert('first'), insert('second')]);
    await env.store.db
      .transaction()
      .execute(async (trx) => {
        await closeTwo(trx, env.store.engine, change(['rolled-back']), { first: 'rolled-back', second: 'rolled-back 2' });
        throw new Error('roll back');
      })
      .catch(() => {});
    // Each change's own values, though its statements were compiled for the first.
    for (const [first, second] of [
      ['a', 'b'],
      ['c', 'd'],
    ] as const)
      await env.store.db
        .transaction()
        .execute((trx) => closeTwo(trx, env.store.engine, change([first, second]), { first, second }));
    const ids = await env.store.db.selectFrom('projects').select('id').orderBy('id').execute();
    expect(ids.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it.runIf(onPostgres)('delivers what a transaction announced when it commits, never what was rolled back', async () => {
    const told: unknown[] = [];
    const states: boolean[] = [];
    listener = await (env.store.listen as NonNullable<typeof env.store.listen>)({
      onChange: (e) => told.push(e),
      onState: (s) => states.push(s.online),
    });
    await env.store.db
      .transaction()
      .execute(async (trx) => {
        await announceChange(trx, env.store.engine, change(['rolled-back']));
        throw new Error('roll back');
      })
      .catch(() => {});
    const big = change(Array.from({ length: 400 }, () => randomUUID()));
    await env.store.db.transaction().execute((trx) => announceChange(trx, env.store.engine, big));
    await env.store.db.transaction().execute((trx) => announceChange(trx, env.store.engine, change(['committed'])));
    await until(() => told.length >= 2);
    expect(told).toEqual([{ ...big, objectIds: [], objectIdsOmitted: true }, change(['committed'])]);
    expect(states).toEqual([]); // online from the start: nothing to say
  });
});

async function until(ready: () => boolean, withinMs = 5_000) {
  const end = Date.now() + withinMs;
  while (!ready()) {
    if (Date.now() > end) throw new Error('not told in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
