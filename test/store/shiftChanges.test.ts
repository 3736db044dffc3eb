import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { KodaError } from '../../src/core/errors.js';
import { type Change, ChangeRecorder, replayChanges, revertChanges } from '../../src/store/changes.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';

let store: Store;
let cleanup: () => Promise<void>;
let source: string;

// Three turns starting at 0, 8 and 15.
beforeEach(async () => {
  let ctx: Awaited<ReturnType<typeof tempContext>>['ctx'];
  ({ ctx, store, cleanup } = await tempContext());
  const p = (await createProject(ctx, { name: 'Omega', language: 'sv' })).id;
  source = (await importSource(ctx, { project: p, fileName: 't.txt', bytes: utf8('I: Hej.\nA: Ja.\nI: Bra.') })).id;
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
const turns = async () =>
  (await store.db.selectFrom('turns').select(['position', 'start_offset', 'end_offset']).orderBy('position').execute()).map(
    (t) => [t.position, t.start_offset, t.end_offset],
  );

describe('ChangeRecorder.shift', () => {
  it('moves the rows from an offset on as one change, and undo and redo move them back and again', async () => {
    const changes = await record((w) => w.shift('turns', source, 8, 5, 1));
    expect(changes).toHaveLength(1);
    expect(await turns()).toEqual([
      [0, 0, 7],
      [2, 13, 19],
      [3, 20, 27],
    ]);
    await revert(changes);
    expect(await turns()).toEqual([
      [0, 0, 7],
      [1, 8, 14],
      [2, 15, 22],
    ]);
    await replay(changes);
    expect((await turns())[2]).toEqual([3, 20, 27]);
  });

  it('refuses to undo when a moved row was moved since, changing nothing', async () => {
    const changes = await record((w) => w.shift('turns', source, 8, 5));
    await store.db.updateTable('turns').set({ end_offset: 26 }).where('start_offset', '=', 20).execute();
    const err = await revert(changes).catch((e: unknown) => e);
    expect(err instanceof KodaError && err.code).toBe('history.changed-since');
    expect((await turns())[2]).toEqual([2, 20, 26]);
  });
});
