import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { setSegmentMemo } from '../../src/commands/setSegmentMemo.js';
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

const segment = () =>
  store.db
    .selectFrom('segments')
    .select(['memo', 'created_at', 'updated_at'])
    .where('id', '=', s.segments.media)
    .executeTakeFirstOrThrow();

describe('setSegmentMemo', () => {
  it('writes the memo and moves updated_at', async () => {
    const before = await segment();
    await new Promise((r) => setTimeout(r, 5));
    expect(await setSegmentMemo(ctx, { project: s.p, segment: s.segments.media, memo: 'Jämför med Kristin' })).toEqual({
      id: s.segments.media,
      memo: 'Jämför med Kristin',
    });
    const after = await segment();
    expect(after.memo).toBe('Jämför med Kristin');
    expect(after.created_at).toBe(before.created_at);
    expect(after.updated_at > before.updated_at).toBe(true);
  });

  it('clears the memo with an empty text', async () => {
    await setSegmentMemo(ctx, { project: s.p, segment: s.segments.media, memo: '' });
    expect((await segment()).memo).toBe('');
  });

  it('refuses an unknown segment', async () => {
    await expectRefused(store, () => setSegmentMemo(ctx, { project: s.p, segment: 'nej', memo: 'x' }), 'segment.not-found');
  });
});
