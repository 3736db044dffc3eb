import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { listCases } from '../../src/commands/listCases.js';
import { tempContext } from '../helpers.js';
import { kodaError, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

describe('listCases', () => {
  it('lists attribute definitions and cases by name with values and source counts', async () => {
    await addCase(ctx, { project: s.p, name: 'Cathrin' });
    const list = await listCases(ctx, { project: s.p });
    expect(list.attributes).toEqual([
      { id: s.attributes.stadsdel, name: 'stadsdel', type: 'choice', choices: ['Y', 'Z'] },
      { id: s.attributes.years, name: 'år', type: 'number', choices: [] },
    ]);
    expect(list.cases.map((c) => [c.name, c.sources, c.attributes])).toEqual([
      ['Albin', 1, { stadsdel: 'Y', år: '12' }],
      ['Cathrin', 0, {}],
      ['Kristin', 0, { stadsdel: 'Z' }],
    ]);
  });

  it('refuses an unknown project', async () => {
    expect((await kodaError(listCases(ctx, { project: 'Okänt' }))).code).toBe('project.not-found');
  });
});
