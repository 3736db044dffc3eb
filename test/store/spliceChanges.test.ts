import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { type Change, ChangeRecorder, replayChanges, revertChanges } from '../../src/store/changes.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';

let store: Store;
let cleanup: () => Promise<void>;

// A long text edited in one place, an emoji's surrogate pair split by the edit's edge.
const LONG = `${'Intervjun börjar. '.repeat(2000)}Vi hinner 😀 inte svara.${' Slut.'.repeat(2000)}`;
const EDITED = LONG.replace('hinner 😀 inte', 'hinner 😁 aldrig');

beforeEach(async () => {
  ({ store, cleanup } = await tempContext());
  await store.db
    .insertInto('projects')
    .values({ id: 'p', name: 'Omega', language: 'sv', description: LONG, created_at: 't0' })
    .execute();
});
afterEach(() => cleanup());

const record = (body: (w: ChangeRecorder) => Promise<void>) =>
  store.db.transaction().execute(async (trx) => {
    const w = new ChangeRecorder(trx);
    await body(w);
    return w.changes;
  });
const revert = (changes: Change[]) => store.db.transaction().execute((trx) => revertChanges(trx, changes));
const replay = (changes: Change[]) => store.db.transaction().execute((trx) => replayChanges(trx, changes));
const description = async () =>
  (await store.db.selectFrom('projects').select('description').where('id', '=', 'p').executeTakeFirstOrThrow()).description;

describe('ChangeRecorder.splice', () => {
  it('records only the stretch that changed, and undo and redo put the whole text back', async () => {
    const changes = await record((w) => w.splice('projects', 'p', 'description', EDITED));
    expect(changes).toHaveLength(1);
    expect(JSON.stringify(changes).length).toBeLessThan(300);
    expect(await description()).toBe(EDITED);
    await revert(changes);
    expect(await description()).toBe(LONG);
    await replay(changes);
    expect(await description()).toBe(EDITED);
  });

  it('records nothing when the text is the same', async () => {
    expect(await record((w) => w.splice('projects', 'p', 'description', LONG))).toEqual([]);
  });

  it('refuses to undo over a text changed outside the history, changing nothing', async () => {
    const changes = await record((w) => w.splice('projects', 'p', 'description', EDITED));
    await store.db
      .updateTable('projects')
      .set({ description: `${EDITED}!` })
      .where('id', '=', 'p')
      .execute();
    const err = await revert(changes).catch((e: unknown) => e);
    expect(err instanceof KodaError && err.code).toBe('history.changed-since');
    expect(await description()).toBe(`${EDITED}!`);
  });
});
