import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editCode } from '../../src/commands/editCode.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
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

const row = (id: string) =>
  store.db
    .selectFrom('codes')
    .select(['name', 'color', 'description', 'parent_id', 'position'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

describe('editCode', () => {
  it('renames, recolours and redescribes, leaving place and others alone', async () => {
    await editCode(ctx, { project: s.p, code: 'media', name: 'medier', color: '#ABC', description: 'Bilden utåt' });
    expect(await row(s.codes.media)).toEqual({
      name: 'medier',
      color: '#aabbcc',
      description: 'Bilden utåt',
      parent_id: s.codes.hinder,
      position: 0,
    });
    expect((await row(s.codes.hinder)).color).toBe('#d64541');
  });

  it('changes only the fields given', async () => {
    await editCode(ctx, { project: s.p, code: 'Hinder', description: 'Det som försvårar' });
    expect(await row(s.codes.hinder)).toMatchObject({ name: 'Hinder', color: '#d64541', description: 'Det som försvårar' });
  });

  it("allows changing the case of a code's own name", async () => {
    await editCode(ctx, { project: s.p, code: 'media', name: 'Media' });
    expect((await row(s.codes.media)).name).toBe('Media');
  });

  it('refuses a name a sibling has, without case', async () => {
    await expectRefused(store, () => editCode(ctx, { project: s.p, code: 'media', name: 'TIDSBRIST' }), 'code.exists');
  });

  it('allows a name used under another parent', async () => {
    await editCode(ctx, { project: s.p, code: 'plan', name: 'media' });
    expect((await row(s.codes.plan)).name).toBe('media');
  });

  it('refuses an invalid colour and an unknown code', async () => {
    await expectRefused(store, () => editCode(ctx, { project: s.p, code: 'media', color: 'blå' }), 'code.color');
    await expectRefused(store, () => editCode(ctx, { project: s.p, code: 'okänd', name: 'x' }), 'code.not-found');
  });
});
