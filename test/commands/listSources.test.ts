import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { listSources } from '../../src/commands/listSources.js';
import { tempContext, utf8 } from '../helpers.js';
import { type Study, studyFixture, TRANSCRIPT } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

describe('listSources', () => {
  it('lists sources by name with length, case and segment count', async () => {
    const other = await importSource(ctx, { project: s.p, fileName: 'anteckning.md', bytes: utf8('# Möte\n\nKort.') });
    expect(await listSources(ctx, { project: s.p })).toEqual([
      { id: other.id, name: 'anteckning', kind: 'md', length: 13, case: null, segments: 0, createdAt: expect.any(String) },
      {
        id: s.source,
        name: 'grupp',
        kind: 'txt',
        length: Array.from(TRANSCRIPT).length,
        case: { id: s.cases.albin, name: 'Albin' },
        segments: 3,
        createdAt: expect.any(String),
      },
    ]);
  });
});
