import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { moveCode } from '../../src/commands/moveCode.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { codeTree, expectRefused, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

// Hinder: media, tidsbrist (› personal), finansiering; Strategier: plan, insats
beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  await addCode(ctx, { project: s.p, name: 'finansiering', parent: 'Hinder' });
  await addCode(ctx, { project: s.p, name: 'insats', parent: 'Strategier' });
});
afterEach(() => cleanup());

const move = (code: string, parent?: string | null, position?: number) => moveCode(ctx, { project: s.p, code, parent, position });

describe('moveCode: re-parent', () => {
  it('moves under a new parent at a position, both sibling lists staying 0..n-1', async () => {
    expect(await move('media', 'Strategier', 1)).toEqual({ id: s.codes.media, parentId: s.codes.strategier, position: 1 });
    expect(await codeTree(store, s.p)).toEqual({
      '(top)': ['Hinder@0', 'Strategier@1'],
      Hinder: ['tidsbrist@0', 'finansiering@1'],
      Strategier: ['plan@0', 'media@1', 'insats@2'],
      tidsbrist: ['personal@0'],
    });
  });

  it('moves to the end when no position is given, and clamps a position past the end', async () => {
    await move('media', 'Strategier');
    await move('finansiering', 'Strategier', 99);
    expect((await codeTree(store, s.p)).Strategier).toEqual(['plan@0', 'insats@1', 'media@2', 'finansiering@3']);
  });

  it('takes the whole branch along', async () => {
    await move('tidsbrist', 'Strategier', 0);
    const tree = await codeTree(store, s.p);
    expect(tree.Strategier).toEqual(['tidsbrist@0', 'plan@1', 'insats@2']);
    expect(tree.tidsbrist).toEqual(['personal@0']);
    expect(tree.Hinder).toEqual(['media@0', 'finansiering@1']);
  });

  it('moves to the top level with parent null', async () => {
    await move('media', null, 0);
    const tree = await codeTree(store, s.p);
    expect(tree['(top)']).toEqual(['media@0', 'Hinder@1', 'Strategier@2']);
    expect(tree.Hinder).toEqual(['tidsbrist@0', 'finansiering@1']);
  });
});

describe('moveCode: reorder', () => {
  it('reorders among the same siblings when parent is absent', async () => {
    await move('finansiering', undefined, 0);
    expect((await codeTree(store, s.p)).Hinder).toEqual(['finansiering@0', 'media@1', 'tidsbrist@2']);
    await move('finansiering', undefined, 2);
    expect((await codeTree(store, s.p)).Hinder).toEqual(['media@0', 'tidsbrist@1', 'finansiering@2']);
  });

  it('moves down and up by one', async () => {
    await move('media', undefined, 1);
    expect((await codeTree(store, s.p)).Hinder).toEqual(['tidsbrist@0', 'media@1', 'finansiering@2']);
    await move('Strategier', null, 0);
    expect((await codeTree(store, s.p))['(top)']).toEqual(['Strategier@0', 'Hinder@1']);
  });
});

describe('moveCode: refusals', () => {
  it('refuses a move under itself or its own descendant', async () => {
    await expectRefused(store, () => move('Hinder', 'Hinder'), 'code.move-into-itself');
    await expectRefused(store, () => move('Hinder', 'Hinder/tidsbrist/personal'), 'code.move-into-itself');
    await expectRefused(store, () => move('tidsbrist', 'personal'), 'code.move-into-itself');
  });

  it('refuses a move next to a sibling of the same name', async () => {
    await addCode(ctx, { project: s.p, name: 'Media', parent: 'Strategier' });
    await expectRefused(store, () => move('Hinder/media', 'Strategier'), 'code.exists');
  });

  it('refuses a negative position and an unknown parent', async () => {
    await expectRefused(store, () => move('media', 'Strategier', -1), 'input.invalid');
    await expectRefused(store, () => move('media', 'Okänd'), 'code.not-found');
  });
});
