import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { listMemos } from '../../src/commands/listMemos.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { expectRefused, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

describe('writeMemo', () => {
  it('writes a memo on the project', async () => {
    const memo = await writeMemo(ctx, { project: s.p, title: 'Metod', body: 'Innehållsanalys' });
    expect(memo).toEqual({ id: expect.any(String), target: 'project', targetId: null });
    const listed = await listMemos(ctx, { project: s.p, target: 'project' });
    expect(listed).toEqual([
      {
        id: memo.id,
        target: 'project',
        targetId: null,
        targetName: 'Omega',
        title: 'Metod',
        body: 'Innehållsanalys',
        concepts: [],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
  });

  it('resolves its target by name: source, case, code path', async () => {
    expect((await writeMemo(ctx, { project: s.p, target: 'source', on: 'grupp', title: 'a' })).targetId).toBe(s.source);
    expect((await writeMemo(ctx, { project: s.p, target: 'case', on: 'Kristin', title: 'b' })).targetId).toBe(s.cases.kristin);
    expect((await writeMemo(ctx, { project: s.p, target: 'code', on: 'Hinder/media', title: 'c' })).targetId).toBe(s.codes.media);
  });

  it('edits an existing memo in place', async () => {
    await writeMemo(ctx, {
      project: s.p,
      target: 'code',
      on: 'tidsbrist',
      memo: s.memos.code,
      title: 'Definition 2',
      body: 'Ny text',
    });
    const row = await store.db.selectFrom('memos').selectAll().where('id', '=', s.memos.code).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: 'Definition 2', body: 'Ny text', target_kind: 'code', target_id: s.codes.tidsbrist });
  });

  it('lists memos by kind of target', async () => {
    expect((await listMemos(ctx, { project: s.p })).map((m) => m.target).sort()).toEqual(['case', 'code', 'segment', 'source']);
    expect((await listMemos(ctx, { project: s.p, target: 'case' })).map((m) => m.title)).toEqual(['Om Albin']);
  });

  it('refuses an unknown target, an empty title and an unknown memo', async () => {
    await expectRefused(store, () => writeMemo(ctx, { project: s.p, target: 'case', on: 'Okänd', title: 'x' }), 'case.not-found');
    await expectRefused(store, () => writeMemo(ctx, { project: s.p, target: 'code', on: 'okänd', title: 'x' }), 'code.not-found');
    await expectRefused(store, () => writeMemo(ctx, { project: s.p, title: '  ' }), 'input.invalid');
    await expectRefused(store, () => writeMemo(ctx, { project: s.p, memo: 'nej', title: 'x' }), 'memo.not-found');
    await expectRefused(store, () => writeMemo(ctx, { project: s.p, target: 'code', title: 'x' }), 'memo.target-missing');
    await expectRefused(
      store,
      () => writeMemo(ctx, { project: s.p, target: 'segment', on: 'nej', title: 'x' }),
      'segment.not-found',
    );
  });

  it("refuses to edit another project's memo", async () => {
    await createProject(ctx, { name: 'Annat' });
    const err = await expectRefused(
      store,
      () => writeMemo(ctx, { project: 'Annat', memo: s.memos.code, title: 'Kapad' }),
      'memo.not-found',
    );
    expect(err.params).toEqual({ memo: s.memos.code });
    const row = await store.db.selectFrom('memos').select('title').where('id', '=', s.memos.code).executeTakeFirstOrThrow();
    expect(row.title).toBe('Definition');
  });
});
