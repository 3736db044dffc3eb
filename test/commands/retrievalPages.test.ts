import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { findSegments, RetrievalInput } from '../../src/commands/helpers/retrieval.js';
import { tempContext } from '../helpers.js';
import { codedInReadingOrder, type Study, studyFixture } from './fixtures.js';

/**
 * Retrieval reads segments a page at a time (issue 13: no long hold of the event loop). With
 * pages of one, two or three rows every boundary is crossed: the answer must be the one a
 * single page gives, in reading order (source name, start, end, code name).
 */
let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  await codedInReadingOrder(ctx, s);
});
afterEach(() => cleanup());

const retrieve = (input: Partial<Parameters<typeof RetrievalInput.parse>[0]>, pageRows?: number) =>
  findSegments(ctx, RetrievalInput.parse({ project: s.p, ...input }), pageRows ? { pageRows } : {});

describe('findSegments in pages', () => {
  it('gives every segment once, in reading order, whatever the page size', async () => {
    const whole = await retrieve({});
    expect(whole).toHaveLength(3 + 2 * 7);
    const order = whole.map((r) => [r.source.name, r.start, r.end, r.code.name]);
    const text = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
    const sorted = [...order].sort(
      (a, b) => text(a[0], b[0]) || Number(a[1]) - Number(b[1]) || Number(a[2]) - Number(b[2]) || text(a[3], b[3]),
    );
    expect(order).toEqual(sorted);
    expect(whole[0]?.source.name).toBe('a-intervju');
    expect(whole.at(-1)?.source.name).toBe('ö-intervju');
    for (const pageRows of [1, 2, 3]) expect(await retrieve({}, pageRows)).toEqual(whole);
  });

  it('pages a code with its descendants, a code alone, a source, a case and a coder the same way', async () => {
    const filters = [
      { code: 'Hinder' },
      { code: 'Hinder', includeDescendants: false },
      { code: 'tidsbrist' },
      { source: 'a-intervju' },
      { case: 'Kristin' },
      { code: 'Hinder', source: 'ö-intervju' },
      { coder: 'tester' },
    ];
    for (const filter of filters) {
      const whole = await retrieve(filter);
      expect(whole.length, JSON.stringify(filter)).toBeGreaterThan(0);
      for (const pageRows of [1, 2, 3]) expect(await retrieve(filter, pageRows), JSON.stringify(filter)).toEqual(whole);
    }
  });
});
