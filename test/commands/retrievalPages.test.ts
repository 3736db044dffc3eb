import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { findSegments, RetrievalInput } from '../../src/commands/helpers/retrieval.js';
import { importSource } from '../../src/commands/importSource.js';
import { tempContext, utf8 } from '../helpers.js';
import { type Study, studyFixture } from './fixtures.js';

/**
 * Retrieval reads segments a page at a time (issue 13: no long hold of the event loop). With
 * pages of one, two or three rows every boundary is crossed: the answer must be the one a
 * single page gives, in reading order (source name, start, end, code name).
 */
let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

const WORDS = 'ett två tre fyra fem sex sju åtta nio tio elva tolv'.split(' ');

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  // Sources whose names sort apart from the order they were made in (ids are time-ordered).
  for (const name of ['ö-intervju', 'a-intervju']) {
    const text = `${WORDS.join(' ')}\n`;
    const source = await importSource(ctx, { project: s.p, fileName: `${name}.txt`, bytes: utf8(text), case: 'Kristin' });
    const at = (word: string) => text.indexOf(word);
    // Several segments starting at one offset, of several codes: the order's later keys decide.
    const spans: [string, string, string][] = [
      ['fem', 'sex', 'media'],
      ['ett', 'tre', 'tidsbrist'],
      ['ett', 'två', 'plan'],
      ['ett', 'två', 'media'],
      ['nio', 'elva', 'personal'],
      ['ett', 'tre', 'personal'],
      ['fyra', 'tolv', 'Hinder'],
    ];
    for (const [from, to, code] of spans) {
      await applyCoding(ctx, { project: s.p, source: source.id, code, start: at(from), end: at(to) + to.length });
    }
  }
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
