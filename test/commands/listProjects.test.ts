import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { listProjects } from '../../src/commands/listProjects.js';
import { tempContext } from '../helpers.js';
import { type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

describe('listProjects', () => {
  it('lists projects by name with their counts', async () => {
    const empty = await createProject(ctx, { name: 'Alfa', language: 'en', description: 'Tom' });
    expect(await listProjects(ctx)).toEqual([
      {
        id: empty.id,
        name: 'Alfa',
        language: 'en',
        description: 'Tom',
        createdAt: expect.any(String),
        sources: 0,
        cases: 0,
        codes: 0,
        segments: 0,
        role: null,
      },
      {
        id: s.p,
        name: 'Omega',
        language: 'sv',
        description: '',
        createdAt: expect.any(String),
        sources: 1,
        cases: 2,
        codes: 6,
        segments: 3,
        role: null,
      },
    ]);
  });
});
