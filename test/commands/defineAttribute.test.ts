import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { expectRefused } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let p: string;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega' })).id;
});
afterEach(() => cleanup());

const rows = () =>
  store.db.selectFrom('attributes').select(['name', 'type', 'choices', 'position']).orderBy('position').execute();

describe('defineAttribute', () => {
  it('declares each type in order, choices only for a choice', async () => {
    await defineAttribute(ctx, { project: p, name: 'roll' });
    await defineAttribute(ctx, { project: p, name: 'år', type: 'number' });
    await defineAttribute(ctx, { project: p, name: 'intervjudatum', type: 'date' });
    await defineAttribute(ctx, { project: p, name: 'samtycke', type: 'Boolean' });
    await defineAttribute(ctx, { project: p, name: 'stadsdel', type: 'choice', choices: ['Y', ' Z '] });
    await defineAttribute(ctx, { project: p, name: 'kön', type: 'text', choices: ['ignoreras'] });
    expect(await rows()).toEqual([
      { name: 'roll', type: 'text', choices: '[]', position: 0 },
      { name: 'år', type: 'number', choices: '[]', position: 1 },
      { name: 'intervjudatum', type: 'date', choices: '[]', position: 2 },
      { name: 'samtycke', type: 'boolean', choices: '[]', position: 3 },
      { name: 'stadsdel', type: 'choice', choices: '["Y","Z"]', position: 4 },
      { name: 'kön', type: 'text', choices: '[]', position: 5 },
    ]);
  });

  it('refuses a taken name', async () => {
    await defineAttribute(ctx, { project: p, name: 'roll' });
    await expectRefused(store, () => defineAttribute(ctx, { project: p, name: 'roll', type: 'number' }), 'attribute.exists');
  });

  it('refuses an unknown type and a choice without choices', async () => {
    await expectRefused(store, () => defineAttribute(ctx, { project: p, name: 'x', type: 'integer' }), 'attribute.type');
    await expectRefused(store, () => defineAttribute(ctx, { project: p, name: 'x', type: 'choice' }), 'attribute.no-choices');
  });
});
