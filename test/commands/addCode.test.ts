import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { findCode, loadCodes, resolveCode } from '../../src/commands/helpers/resolve.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { codeTree, expectRefused, kodaError } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let p: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega' })).id;
});
afterEach(() => cleanup());

const colorOf = async (id: string) =>
  (await store.db.selectFrom('codes').select('color').where('id', '=', id).executeTakeFirstOrThrow()).color;

describe('addCode: colours', () => {
  it('gives top-level codes without a colour the next palette colour', async () => {
    const first = await addCode(ctx, { project: p, name: 'Strategier' });
    const second = await addCode(ctx, { project: p, name: 'Hinder' });
    expect([first.color, second.color]).toEqual(['#4e79a7', '#f28e2b']);
  });

  it("lets a code without a colour inherit its parent's", async () => {
    await addCode(ctx, { project: p, name: 'Hinder', color: '#D64541' });
    const media = await addCode(ctx, { project: p, name: 'media', parent: 'Hinder' });
    expect(media.color).toBe('#d64541');
    expect(await colorOf(media.id)).toBe('#d64541');
  });

  it('keeps its own colour, expanded from #rgb', async () => {
    await addCode(ctx, { project: p, name: 'Hinder', color: '#d64541' });
    const media = await addCode(ctx, { project: p, name: 'media', parent: 'Hinder', color: '#ABC' });
    expect(await colorOf(media.id)).toBe('#aabbcc');
  });

  it('refuses an invalid colour', async () => {
    const err = await expectRefused(store, () => addCode(ctx, { project: p, name: 'Hinder', color: 'röd' }), 'code.color');
    expect(err.params).toEqual({ color: 'röd' });
  });
});

describe('addCode: names and places', () => {
  beforeEach(async () => {
    await addCode(ctx, { project: p, name: 'Hinder', color: '#d64541', description: 'Det som försvårar' });
    await addCode(ctx, { project: p, name: 'media', parent: 'Hinder' });
  });

  it('appends at the end of its siblings', async () => {
    const tid = await addCode(ctx, { project: p, name: 'tidsbrist', parent: 'Hinder' });
    expect(tid.position).toBe(1);
    expect(await codeTree(store, p)).toEqual({ '(top)': ['Hinder@0'], Hinder: ['media@0', 'tidsbrist@1'] });
  });

  it('stores the description', async () => {
    const row = await store.db.selectFrom('codes').select('description').where('name', '=', 'Hinder').executeTakeFirstOrThrow();
    expect(row.description).toBe('Det som försvårar');
  });

  it('refuses a sibling name that differs only in case', async () => {
    const err = await expectRefused(store, () => addCode(ctx, { project: p, name: 'MEDIA', parent: 'Hinder' }), 'code.exists');
    expect(err.params).toEqual({ code: 'MEDIA' });
    await expectRefused(store, () => addCode(ctx, { project: p, name: 'hinder' }), 'code.exists');
  });

  it('allows the same name under different parents, found by path, ambiguous bare', async () => {
    await addCode(ctx, { project: p, name: 'Strategier' });
    const other = await addCode(ctx, { project: p, name: 'Media', parent: 'Strategier' });
    const codes = await loadCodes(store.db, p);
    expect(findCode(codes, 'Strategier/media').id).toBe(other.id);
    expect(findCode(codes, 'hinder / MEDIA').parent_id).toBe(findCode(codes, 'Hinder').id);
    expect((await kodaError(resolveCode(store.db, p, 'media'))).code).toBe('code.ambiguous');
    await expectRefused(store, () => addCode(ctx, { project: p, name: 'x', parent: 'media' }), 'code.ambiguous');
    const child = await addCode(ctx, { project: p, name: 'x', parent: 'Strategier/Media' });
    expect(child.parentId).toBe(other.id);
  });

  it('refuses an unknown parent, an empty name and an unknown project', async () => {
    await expectRefused(store, () => addCode(ctx, { project: p, name: 'x', parent: 'Okänd' }), 'code.not-found');
    await expectRefused(store, () => addCode(ctx, { project: p, name: '   ' }), 'input.invalid');
    await expectRefused(store, () => addCode(ctx, { project: 'Okänt', name: 'x' }), 'project.not-found');
  });
});
