import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION_NAMES, actionSpec } from '../../src/commands/actions.js';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import { editCode } from '../../src/commands/editCode.js';
import type { CommandContext, CommittedEvent } from '../../src/commands/helpers/context.js';
import { listHistory, redo, undo } from '../../src/commands/history.js';
import { setSegmentMemo } from '../../src/commands/setSegmentMemo.js';
import type { Store } from '../../src/store/db.js';
import { readOriginal } from '../../src/store/originals.js';
import { tempContext } from '../helpers.js';
import { dumpTables, expectRefused, type Study, studyFixture } from './fixtures.js';
import { mutations } from './mutations.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

describe('undo and redo restore every table exactly', () => {
  it.each(mutations.map((m) => [m.name, m] as const))('%s', async (_name, m) => {
    await m.setup?.(ctx, s);
    const before = await dumpTables(store);
    await m.run(ctx, s);
    const after = await dumpTables(store);
    expect(after).not.toEqual(before);

    const events: CommittedEvent[] = [];
    const watched: CommandContext = { ...ctx, onCommitted: (e) => events.push(e) };
    expect(await undo(watched, { project: s.p })).toEqual({ action: m.action, changes: expect.any(Number) });
    expect(await dumpTables(store)).toEqual(before);

    expect((await redo(watched, { project: s.p })).action).toBe(m.action);
    expect(await dumpTables(store)).toEqual(after);
    expect(events.map((e) => e.stale)).toEqual([actionSpec(m.action).stale, actionSpec(m.action).stale]);

    // And once more, from a redone entry.
    await undo(ctx, { project: s.p });
    expect(await dumpTables(store)).toEqual(before);
  });

  it('keeps the original bytes of a deleted source through undo', async () => {
    const original = (await readOriginal(store.db, s.source)) as Uint8Array;
    const mutation = mutations.find((m) => m.action === 'source.delete')!;
    await mutation.run(ctx, s);
    expect(await readOriginal(store.db, s.source)).toBeNull();
    await undo(ctx, { project: s.p });
    const restored = (await readOriginal(store.db, s.source)) as Uint8Array;
    expect(Buffer.from(restored).toString('utf8')).toBe(Buffer.from(original).toString('utf8'));
    expect(restored.length).toBeGreaterThan(100);
  });

  it('undoes several commands newest first', async () => {
    const before = await dumpTables(store);
    await addCode(ctx, { project: s.p, name: 'ett' });
    await editCode(ctx, { project: s.p, code: 'ett', name: 'två' });
    expect((await undo(ctx, { project: s.p })).action).toBe('code.edit');
    expect((await undo(ctx, { project: s.p })).action).toBe('code.add');
    expect(await dumpTables(store)).toEqual(before);
    expect((await redo(ctx, { project: s.p })).action).toBe('code.add');
    expect((await redo(ctx, { project: s.p })).action).toBe('code.edit');
    const codes = await store.db.selectFrom('codes').select('name').where('name', 'in', ['ett', 'två']).execute();
    expect(codes.map((c) => c.name)).toEqual(['två']);
  });
});

describe('the actions the undo test walks', () => {
  const undoable = ACTION_NAMES.filter((a) => actionSpec(a).undoable);

  it('are every undoable action declared, so a new one fails here until it has a run in mutations.ts', () => {
    expect(undoable.filter((a) => !mutations.some((m) => m.action === a))).toEqual([]);
  });

  it('are undoable, each', () => {
    expect(mutations.filter((m) => !actionSpec(m.action).undoable).map((m) => m.name)).toEqual([]);
  });
});

describe('history limits', () => {
  it('refuses redo when nothing was undone', async () => {
    await expectRefused(store, () => redo(ctx, { project: s.p }), 'history.nothing-to-redo');
  });

  it('clears the redo branch when a new command runs after undo', async () => {
    await addCode(ctx, { project: s.p, name: 'ett' });
    await undo(ctx, { project: s.p });
    await addCode(ctx, { project: s.p, name: 'två' });
    await expectRefused(store, () => redo(ctx, { project: s.p }), 'history.nothing-to-redo');
    const names = (await store.db.selectFrom('codes').select('name').where('parent_id', 'is', null).execute()).map((c) => c.name);
    expect(names.sort()).toEqual(['Hinder', 'Strategier', 'två']);
  });

  it('refuses undo with nothing to undo', async () => {
    const { ctx: fresh, store: freshStore, cleanup: done } = await tempContext();
    try {
      await createProject(fresh, { name: 'Tom' });
      await expectRefused(freshStore, () => undo(fresh, { project: 'Tom' }), 'history.nothing-to-undo');
    } finally {
      await done();
    }
  });

  it('does not undo the creation of a project', async () => {
    const { ctx: fresh, store: freshStore, cleanup: done } = await tempContext();
    try {
      const project = await createProject(fresh, { name: 'Tom' });
      await expectRefused(freshStore, () => undo(fresh, { project: project.id }), 'history.nothing-to-undo');
      expect(await freshStore.db.selectFrom('projects').select('name').execute()).toEqual([{ name: 'Tom' }]);
    } finally {
      await done();
    }
  });

  it('refuses to undo over a row changed outside the history, changing nothing', async () => {
    await setSegmentMemo(ctx, { project: s.p, segment: s.segments.media, memo: 'via Koda' });
    await store.db.updateTable('segments').set({ memo: 'ändrad direkt' }).where('id', '=', s.segments.media).execute();
    const before = await dumpTables(store);
    await expectRefused(store, () => undo(ctx, { project: s.p }), 'history.changed-since');
    expect(await dumpTables(store)).toEqual(before);
    expect((await listHistory(ctx, { project: s.p }))[0]).toMatchObject({ action: 'segment.memo', state: 'done' });
  });

  it('refuses to redo over a row changed outside the history', async () => {
    await editCode(ctx, { project: s.p, code: 'plan', name: 'planer' });
    await undo(ctx, { project: s.p });
    await store.db.updateTable('codes').set({ name: 'planering' }).where('id', '=', s.codes.plan).execute();
    await expectRefused(store, () => redo(ctx, { project: s.p }), 'history.changed-since');
    const plan = await store.db.selectFrom('codes').select('name').where('id', '=', s.codes.plan).executeTakeFirstOrThrow();
    expect(plan.name).toBe('planering');
  });

  it('refuses an unknown project', async () => {
    await expectRefused(store, () => undo(ctx, { project: 'Okänt' }), 'project.not-found');
  });
});

describe('listHistory', () => {
  it('lists entries newest first with their state', async () => {
    await addCode(ctx, { project: s.p, name: 'ett' });
    await editCode(ctx, { project: s.p, code: 'ett', color: '#000' });
    await undo(ctx, { project: s.p });
    const history = await listHistory(ctx, { project: s.p });
    expect(history.slice(0, 3).map((h) => [h.action, h.state, h.actor])).toEqual([
      ['code.edit', 'undone', 'tester'],
      ['code.add', 'done', 'tester'],
      ['memo.write', 'done', 'tester'],
    ]);
    expect(history[0]!.seq).toBe(history[1]!.seq + 1);
  });
});
