import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
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

const turnCases = async () => (await getSource(ctx, { project: s.p, source: s.source })).turns.map((t) => [t.speaker, t.case]);
const link = (input: { speaker?: string; turns?: number[]; case: string | null }) =>
  linkTurnsToCase(ctx, { project: s.p, source: s.source, ...input });

describe('linkTurnsToCase', () => {
  it('links every turn of a speaker', async () => {
    expect(await link({ speaker: 'Kristin', case: 'Kristin' })).toEqual({ source: s.source, case: s.cases.kristin, turns: [2] });
    expect(await turnCases()).toEqual([
      ['I', null],
      ['Albin', null],
      ['Kristin', 'Kristin'],
    ]);
  });

  it('links turns by position, and unlinks with null', async () => {
    await link({ turns: [1, 2], case: 'Albin' });
    expect(await turnCases()).toEqual([
      ['I', null],
      ['Albin', 'Albin'],
      ['Kristin', 'Albin'],
    ]);
    await link({ turns: [2], case: null });
    expect((await turnCases())[2]).toEqual(['Kristin', null]);
  });

  it('refuses when no turn matches', async () => {
    const err = await expectRefused(store, () => link({ speaker: 'Nermin', case: 'Kristin' }), 'turn.none-matched');
    expect(err.params).toEqual({ source: 'grupp', speaker: 'Nermin' });
    await expectRefused(store, () => link({ turns: [7], case: 'Kristin' }), 'turn.none-matched');
    await expectRefused(store, () => link({ turns: [], case: 'Kristin' }), 'turn.none-matched');
  });

  it('refuses both or neither of speaker and turns, and an unknown case', async () => {
    await expectRefused(store, () => link({ speaker: 'Kristin', turns: [2], case: 'Kristin' }), 'input.invalid');
    await expectRefused(store, () => link({ case: 'Kristin' }), 'input.invalid');
    await expectRefused(store, () => link({ speaker: 'Kristin', case: 'Okänd' }), 'case.not-found');
  });
});
