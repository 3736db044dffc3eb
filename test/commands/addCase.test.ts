import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { listCases } from '../../src/commands/listCases.js';
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
  await defineAttribute(ctx, { project: p, name: 'stadsdel', type: 'choice', choices: ['Y', 'W och X'] });
  await defineAttribute(ctx, { project: p, name: 'år', type: 'number' });
});
afterEach(() => cleanup());

describe('addCase', () => {
  it('adds a case with typed attribute values', async () => {
    const added = await addCase(ctx, {
      project: p,
      name: 'Kerstin',
      description: 'Samordnare',
      attributes: { stadsdel: 'w OCH x', år: '7,5' },
    });
    expect(added).toEqual({ id: expect.any(String), name: 'Kerstin' });
    const { cases } = await listCases(ctx, { project: p });
    expect(cases).toEqual([
      { id: added.id, name: 'Kerstin', description: 'Samordnare', sources: 0, attributes: { stadsdel: 'W och X', år: '7.5' } },
    ]);
  });

  it('declares an undeclared attribute as text', async () => {
    await addCase(ctx, { project: p, name: 'Albin', attributes: { arbetsuppgifter: ' Ledning ' } });
    const { attributes, cases } = await listCases(ctx, { project: p });
    expect(attributes.map((a) => [a.name, a.type])).toEqual([
      ['stadsdel', 'choice'],
      ['år', 'number'],
      ['arbetsuppgifter', 'text'],
    ]);
    expect(cases[0]!.attributes).toEqual({ arbetsuppgifter: 'Ledning' });
  });

  it('refuses a taken name', async () => {
    await addCase(ctx, { project: p, name: 'Albin' });
    await expectRefused(store, () => addCase(ctx, { project: p, name: 'Albin' }), 'case.exists');
  });

  it('refuses a bad value and writes neither the case nor any value', async () => {
    await expectRefused(
      store,
      () => addCase(ctx, { project: p, name: 'Albin', attributes: { ny: 'x', stadsdel: 'Q' } }),
      'attribute.choice',
    );
    await expectRefused(store, () => addCase(ctx, { project: p, name: 'Albin', attributes: { år: 'många' } }), 'attribute.value');
  });

  it('refuses an empty name and an unknown project', async () => {
    await expectRefused(store, () => addCase(ctx, { project: p, name: ' ' }), 'input.invalid');
    await expectRefused(store, () => addCase(ctx, { project: 'Okänt', name: 'Albin' }), 'project.not-found');
  });
});
