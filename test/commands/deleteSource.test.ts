import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
import { dumpTables, expectRefused, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;
let other: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  other = (await importSource(ctx, { project: s.p, fileName: 'b.txt', bytes: utf8('I: Ja?\nKristin: Nej.') })).id;
  await applyCoding(ctx, { project: s.p, source: other, code: 'media', start: 0, end: 6 });
});
afterEach(() => cleanup());

const sourceOf = (table: 'turns' | 'segments') => store.db.selectFrom(table).select('source_id').distinct().execute();

describe('deleteSource', () => {
  it('removes the source with its turns, segments, segment memos and memos on it', async () => {
    const result = await deleteSource(ctx, { project: s.p, source: 'grupp' });
    expect(result).toEqual({ id: s.source, name: 'grupp', segments: 3, turns: 3, memos: 2, recordings: 0 });
    expect(await store.db.selectFrom('sources').select('id').execute()).toEqual([{ id: other }]);
    expect(await sourceOf('turns')).toEqual([{ source_id: other }]);
    expect(await sourceOf('segments')).toEqual([{ source_id: other }]);
    const memos = (await store.db.selectFrom('memos').select('id').execute()).map((m) => m.id).sort();
    expect(memos).toEqual([s.memos.case, s.memos.code].sort());
  });

  it('keeps cases and codes', async () => {
    await deleteSource(ctx, { project: s.p, source: s.source });
    expect(await store.db.selectFrom('cases').select('id').execute()).toHaveLength(2);
    expect(await store.db.selectFrom('codes').select('id').execute()).toHaveLength(6);
  });

  it('changes nothing on a dry run', async () => {
    const before = await dumpTables(store);
    expect(await deleteSource(ctx, { project: s.p, source: s.source, dryRun: true })).toMatchObject({
      segments: 3,
      turns: 3,
      memos: 2,
    });
    expect(await dumpTables(store)).toEqual(before);
  });

  it('refuses an unknown source', async () => {
    await expectRefused(store, () => deleteSource(ctx, { project: s.p, source: 'okänd' }), 'source.not-found');
  });
});
