import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { listCases } from '../../src/commands/listCases.js';
import { setCaseAttributes } from '../../src/commands/setCaseAttributes.js';
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
  await defineAttribute(ctx, { project: p, name: 'år', type: 'number' });
  await defineAttribute(ctx, { project: p, name: 'datum', type: 'date' });
  await defineAttribute(ctx, { project: p, name: 'samtycke', type: 'boolean' });
  await defineAttribute(ctx, { project: p, name: 'stadsdel', type: 'choice', choices: ['Y', 'W och X'] });
  await addCase(ctx, { project: p, name: 'Albin', attributes: { år: '3' } });
});
afterEach(() => cleanup());

const set = (attributes: Record<string, string>) => setCaseAttributes(ctx, { project: p, case: 'Albin', attributes });
const values = async () => (await listCases(ctx, { project: p })).cases[0]!.attributes;

describe('setCaseAttributes: each type', () => {
  it('stores a number with a decimal comma as 3.5', async () => {
    await set({ år: '3,5' });
    expect(await values()).toEqual({ år: '3.5' });
  });

  it('stores a date and refuses a bad one', async () => {
    await set({ datum: '2023-04-12' });
    expect(await values()).toMatchObject({ datum: '2023-04-12' });
    const err = await expectRefused(store, () => set({ datum: '2023-02-30' }), 'attribute.value');
    expect(err.params).toEqual({ attribute: 'datum', value: '2023-02-30', type: 'date' });
  });

  it("stores 'ja' as true", async () => {
    await set({ samtycke: 'ja' });
    expect(await values()).toMatchObject({ samtycke: 'true' });
    await set({ samtycke: 'Nej' });
    expect(await values()).toMatchObject({ samtycke: 'false' });
  });

  it('matches a choice without case and refuses another', async () => {
    await set({ stadsdel: 'w och x' });
    expect(await values()).toMatchObject({ stadsdel: 'W och X' });
    const err = await expectRefused(store, () => set({ stadsdel: 'Q' }), 'attribute.choice');
    expect(err.params).toEqual({ attribute: 'stadsdel', value: 'Q', choices: 'Y, W och X' });
  });

  it('stores an undeclared attribute as text', async () => {
    await set({ roll: ' Ledning ' });
    expect(await values()).toEqual({ år: '3', roll: 'Ledning' });
    const attr = await store.db.selectFrom('attributes').select('type').where('name', '=', 'roll').executeTakeFirstOrThrow();
    expect(attr.type).toBe('text');
  });
});

describe('setCaseAttributes: clearing and refusing', () => {
  it('does not declare an attribute just to clear it', async () => {
    await set({ okänt: '' });
    const attributes = await store.db.selectFrom('attributes').select('name').where('name', '=', 'okänt').execute();
    expect(attributes).toEqual([]);
  });

  it('clears a value with an empty or blank string', async () => {
    await set({ år: '  ' });
    expect(await values()).toEqual({});
    expect(await store.db.selectFrom('attribute_values').selectAll().execute()).toEqual([]);
  });

  it('updates a value in place', async () => {
    const before = await store.db.selectFrom('attribute_values').select('id').executeTakeFirstOrThrow();
    await set({ år: '4' });
    expect(await store.db.selectFrom('attribute_values').select(['id', 'value']).execute()).toEqual([
      { id: before.id, value: '4' },
    ]);
  });

  it('writes nothing when one value of several is refused', async () => {
    await expectRefused(store, () => set({ år: '5', samtycke: 'kanske', roll: 'x' }), 'attribute.value');
    expect(await values()).toEqual({ år: '3' });
  });

  it('refuses an unknown case', async () => {
    await expectRefused(
      store,
      () => setCaseAttributes(ctx, { project: p, case: 'Okänd', attributes: { år: '1' } }),
      'case.not-found',
    );
  });
});
