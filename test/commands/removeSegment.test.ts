import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { removeSegment } from '../../src/commands/removeSegment.js';
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

describe('removeSegment', () => {
  it('removes one segment and the memos on it, nothing else', async () => {
    expect(await removeSegment(ctx, { project: s.p, segment: s.segments.media })).toEqual({ id: s.segments.media });
    const left = (await store.db.selectFrom('segments').select('id').execute()).map((r) => r.id).sort();
    expect(left).toEqual([s.segments.tidsbristTwin, s.segments.tidsbrist].sort());
    const memos = await store.db.selectFrom('memos').select('id').where('id', '=', s.memos.segment).execute();
    expect(memos).toEqual([]);
    expect(await store.db.selectFrom('memos').select('id').execute()).toHaveLength(3);
  });

  it('refuses an unknown segment, and a segment of another project', async () => {
    await expectRefused(store, () => removeSegment(ctx, { project: s.p, segment: 'nej' }), 'segment.not-found');
    await createProject(ctx, { name: 'Annat' });
    await expectRefused(store, () => removeSegment(ctx, { project: 'Annat', segment: s.segments.media }), 'segment.not-found');
  });
});
