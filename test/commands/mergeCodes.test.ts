import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { mergeCodes } from '../../src/commands/mergeCodes.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { codeTree, expectRefused, QUOTES, type Study, spanOf, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

// Hinder: media [media segment], tidsbrist [twin of media's span, Kristin's words] › personal; Strategier: plan
beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

const segments = async () =>
  (
    await store.db
      .selectFrom('segments as s')
      .innerJoin('codes as c', 'c.id', 's.code_id')
      .select(['s.id', 'c.name', 's.exact', 's.memo'])
      .orderBy('s.start_offset')
      .orderBy('c.name')
      .execute()
  ).map((r) => [r.id, r.name, r.exact, r.memo]);

describe('mergeCodes', () => {
  it('moves segments, collapses a duplicate span keeping both memos, and deletes the merged code', async () => {
    const result = await mergeCodes(ctx, { project: s.p, from: 'tidsbrist', into: 'media' });
    expect(result).toEqual({ from: s.codes.tidsbrist, into: s.codes.media, moved: 1, collapsed: 1, children: 1, memos: 1 });
    expect(await segments()).toEqual([
      [s.segments.media, 'media', QUOTES.media, 'tydligt exempel\n\nockså tid'],
      [s.segments.tidsbrist, 'media', QUOTES.kristin, ''],
    ]);
    const gone = await store.db.selectFrom('codes').select('id').where('id', '=', s.codes.tidsbrist).execute();
    expect(gone).toEqual([]);
  });

  it('moves child codes under the target and keeps positions contiguous', async () => {
    await addCode(ctx, { project: s.p, name: 'finansiering', parent: 'Hinder' });
    await addCode(ctx, { project: s.p, name: 'rykte', parent: 'media' });
    await mergeCodes(ctx, { project: s.p, from: 'tidsbrist', into: 'media' });
    expect(await codeTree(store, s.p)).toEqual({
      '(top)': ['Hinder@0', 'Strategier@1'],
      Hinder: ['media@0', 'finansiering@1'],
      media: ['rykte@0', 'personal@1'],
      Strategier: ['plan@0'],
    });
  });

  it("moves the merged code's memos to the target", async () => {
    await mergeCodes(ctx, { project: s.p, from: 'tidsbrist', into: 'media' });
    const memo = await store.db
      .selectFrom('memos')
      .select(['target_kind', 'target_id'])
      .where('id', '=', s.memos.code)
      .executeTakeFirstOrThrow();
    expect(memo).toEqual({ target_kind: 'code', target_id: s.codes.media });
  });

  it('keeps the target memo alone when the collapsed segment has none or the same', async () => {
    await applyCoding(ctx, {
      project: s.p,
      source: s.source,
      code: 'plan',
      ...spanOf(s.text, QUOTES.media),
      memo: 'tydligt exempel',
    });
    await mergeCodes(ctx, { project: s.p, from: 'plan', into: 'media' });
    const memo = await store.db
      .selectFrom('segments')
      .select('memo')
      .where('id', '=', s.segments.media)
      .executeTakeFirstOrThrow();
    expect(memo.memo).toBe('tydligt exempel');
  });

  it('does not collapse the same span coded by another coder', async () => {
    await applyCoding(ctx, { project: s.p, source: s.source, code: 'plan', ...spanOf(s.text, QUOTES.media), coder: 'Kodare 2' });
    const result = await mergeCodes(ctx, { project: s.p, from: 'plan', into: 'media' });
    expect(result).toMatchObject({ moved: 1, collapsed: 0 });
    const count = await store.db.selectFrom('segments').select('id').where('code_id', '=', s.codes.media).execute();
    expect(count).toHaveLength(2);
  });

  it('merges a code into its parent with contiguous positions', async () => {
    await addCode(ctx, { project: s.p, name: 'finansiering', parent: 'Hinder' });
    await mergeCodes(ctx, { project: s.p, from: 'tidsbrist', into: 'Hinder' });
    expect((await codeTree(store, s.p)).Hinder).toEqual(['media@0', 'finansiering@1', 'personal@2']);
  });

  it('refuses to merge a code into itself or its own descendant', async () => {
    await expectRefused(
      store,
      () => mergeCodes(ctx, { project: s.p, from: 'Hinder', into: 'media' }),
      'code.merge-into-own-branch',
    );
    await expectRefused(
      store,
      () => mergeCodes(ctx, { project: s.p, from: 'Hinder', into: 'personal' }),
      'code.merge-into-own-branch',
    );
    await expectRefused(
      store,
      () => mergeCodes(ctx, { project: s.p, from: 'media', into: 'media' }),
      'code.merge-into-own-branch',
    );
  });

  it('refuses when a moving child would clash with a child of the target', async () => {
    await addCode(ctx, { project: s.p, name: 'Personal', parent: 'media' });
    await expectRefused(store, () => mergeCodes(ctx, { project: s.p, from: 'tidsbrist', into: 'media' }), 'code.exists');
  });

  it('merges a code into its parent even when the code has a child of its own name', async () => {
    await addCode(ctx, { project: s.p, name: 'Tidsbrist', parent: 'Hinder/tidsbrist' });
    await mergeCodes(ctx, { project: s.p, from: 'Hinder/tidsbrist', into: 'Hinder' });
    expect((await codeTree(store, s.p)).Hinder).toEqual(['media@0', 'personal@1', 'Tidsbrist@2']);
  });

  it('moves the memos of a collapsed segment to the segment it collapses into', async () => {
    const [media] = await store.db.selectFrom('segments').selectAll().where('code_id', '=', s.codes.media).execute();
    const twin = await applyCoding(ctx, {
      project: s.p,
      source: media!.source_id,
      code: 'plan',
      start: media!.start_offset,
      end: media!.end_offset,
    });
    const memo = {
      id: 'memo-on-twin',
      project_id: s.p,
      target_kind: 'segment',
      target_id: twin.id,
      title: 't',
      body: 'b',
      created_at: '',
      updated_at: '',
    };
    await store.db.insertInto('memos').values(memo).execute();
    await mergeCodes(ctx, { project: s.p, from: 'plan', into: 'media' });
    const after = await store.db
      .selectFrom('memos')
      .select('target_id')
      .where('id', '=', 'memo-on-twin')
      .executeTakeFirstOrThrow();
    expect(after.target_id).toBe(media!.id);
  });

  it('refuses an unknown code', async () => {
    await expectRefused(store, () => mergeCodes(ctx, { project: s.p, from: 'okänd', into: 'media' }), 'code.not-found');
  });
});
