import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteCode } from '../../src/commands/deleteCode.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import type { Store } from '../../src/store/db.js';
import { rowCounts, tempContext } from '../helpers.js';
import { codeTree, dumpTables, expectRefused, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

describe('deleteCode', () => {
  it('refuses while the code or a code below it has segments', async () => {
    const err = await expectRefused(store, () => deleteCode(ctx, { project: s.p, code: 'Hinder' }), 'code.in-use');
    expect(err.params).toEqual({ code: 'Hinder', segments: 3 });
    await expectRefused(store, () => deleteCode(ctx, { project: s.p, code: 'media' }), 'code.in-use');
  });

  it('deletes an unused code without asking, renumbering its siblings', async () => {
    await deleteCode(ctx, { project: s.p, code: 'Hinder/tidsbrist/personal' });
    await deleteCode(ctx, { project: s.p, code: 'media', withSegments: true });
    expect(await codeTree(store, s.p)).toEqual({
      '(top)': ['Hinder@0', 'Strategier@1'],
      Hinder: ['tidsbrist@0'],
      Strategier: ['plan@0'],
    });
  });

  it('with segments, deletes the branch, its segments and memos on them', async () => {
    const before = await rowCounts(store);
    const result = await deleteCode(ctx, { project: s.p, code: 'Hinder', withSegments: true });
    expect(result).toEqual({ id: s.codes.hinder, name: 'Hinder', codes: 4, segments: 3 });
    expect(await codeTree(store, s.p)).toEqual({ '(top)': ['Strategier@0'], Strategier: ['plan@0'] });
    const after = await rowCounts(store);
    expect(after).toEqual({
      ...before,
      codes: 2,
      segments: 0,
      memos: before.memos! - 2,
      history_entries: before.history_entries! + 1,
    });
    const memos = await store.db.selectFrom('memos').select('id').orderBy('id').execute();
    expect(memos.map((m) => m.id).sort()).toEqual([s.memos.source, s.memos.case].sort());
  });

  it('changes nothing on a dry run, but says what would go', async () => {
    const before = await dumpTables(store);
    expect(await deleteCode(ctx, { project: s.p, code: 'Hinder', withSegments: true, dryRun: true })).toMatchObject({
      codes: 4,
      segments: 3,
    });
    expect(await dumpTables(store)).toEqual(before);
  });

  it('refuses an unknown code', async () => {
    await expectRefused(store, () => deleteCode(ctx, { project: s.p, code: 'okänd' }), 'code.not-found');
  });
});
