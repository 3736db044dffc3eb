import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { expectRefused } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
});
afterEach(() => cleanup());

describe('createProject', () => {
  it('creates a project, Swedish by default', async () => {
    const created = await createProject(ctx, { name: ' Omega ', description: 'Uppsats' });
    expect(created).toEqual({ id: expect.any(String), name: 'Omega', language: 'sv' });
    const row = await store.db.selectFrom('projects').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ id: created.id, name: 'Omega', language: 'sv', description: 'Uppsats' });
  });

  it('takes English', async () => {
    expect((await createProject(ctx, { name: 'Omega', language: 'en' })).language).toBe('en');
  });

  it('refuses a taken name, an unknown language and an empty name', async () => {
    await createProject(ctx, { name: 'Omega' });
    await expectRefused(store, () => createProject(ctx, { name: 'Omega' }), 'project.exists');
    await expectRefused(store, () => createProject(ctx, { name: 'Beta', language: 'de' as 'sv' }), 'input.invalid');
    await expectRefused(store, () => createProject(ctx, { name: '' }), 'input.invalid');
  });

  it('is not undoable', async () => {
    await createProject(ctx, { name: 'Omega' });
    await expectRefused(store, () => undo(ctx, { project: 'Omega' }), 'history.nothing-to-undo');
  });
});
