import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { renameSource } from '../../src/commands/renameSource.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
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

const nameOf = async (ref: string) => (await getSource(ctx, { project: s.p, source: ref })).name;

describe('renameSource', () => {
  it('renames a source, trimmed, and undo gives the old name back', async () => {
    expect(await renameSource(ctx, { project: s.p, source: 'grupp', name: '  Gruppintervju 1 ' })).toEqual({
      id: s.source,
      name: 'Gruppintervju 1',
      previous: 'grupp',
    });
    expect(await nameOf(s.source)).toBe('Gruppintervju 1');
    await undo(ctx, { project: s.p });
    expect(await nameOf(s.source)).toBe('grupp');
  });

  it('refuses a name another source has, an empty name and an unsafe one, changing nothing', async () => {
    await importSource(ctx, { project: s.p, fileName: 'annan.txt', bytes: utf8('I: Hej.') });
    await expectRefused(store, () => renameSource(ctx, { project: s.p, source: 'grupp', name: 'annan' }), 'source.exists');
    await expectRefused(store, () => renameSource(ctx, { project: s.p, source: 'grupp', name: '  ' }), 'input.invalid');
    await expectRefused(store, () => renameSource(ctx, { project: s.p, source: 'grupp', name: 'a\u202Eb' }), 'name.unsafe');
    await expectRefused(store, () => renameSource(ctx, { project: s.p, source: 'okänd', name: 'x' }), 'source.not-found');
    expect(await nameOf(s.source)).toBe('grupp');
  });
});
