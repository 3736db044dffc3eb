import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { linkSourceToCase } from '../../src/commands/linkSourceToCase.js';
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

const caseOf = async () => (await getSource(ctx, { project: s.p, source: s.source })).case;

describe('linkSourceToCase', () => {
  it('links a source to another case, by name', async () => {
    expect(await linkSourceToCase(ctx, { project: s.p, source: 'grupp', case: 'Kristin' })).toEqual({
      source: s.source,
      case: s.cases.kristin,
    });
    expect(await caseOf()).toEqual({ id: s.cases.kristin, name: 'Kristin' });
  });

  it('unlinks with null', async () => {
    await linkSourceToCase(ctx, { project: s.p, source: s.source, case: null });
    expect(await caseOf()).toBeNull();
  });

  it('refuses an unknown case or source', async () => {
    await expectRefused(store, () => linkSourceToCase(ctx, { project: s.p, source: s.source, case: 'Okänd' }), 'case.not-found');
    await expectRefused(store, () => linkSourceToCase(ctx, { project: s.p, source: 'okänd', case: 'Albin' }), 'source.not-found');
  });
});
