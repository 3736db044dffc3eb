import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { searchText } from '../../src/commands/searchText.js';
import { tempContext, utf8 } from '../helpers.js';

/**
 * Search places its paragraphs in batches and reads turns and paragraph bounds in pages, with
 * turns of the event loop between (issue 13). With pages of one or two every boundary is
 * crossed, and a source's text read once serves the batches after: the answer must be the one
 * a single page gives.
 */
const interview = (n: number) =>
  Array.from({ length: n }, (_, i) => `I: Hur är skolan ${i}? 😀\n\nIP: Skolan är bra, skolan ${i}.`).join('\n\n');

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Sök', language: 'sv' });
  // Names that sort apart from the order of import: reading order is by name.
  for (const [name, n] of [
    ['ö-intervju', 3],
    ['a-intervju', 4],
    ['m-intervju', 2],
  ] as const) {
    await importSource(env.ctx, { project: 'Sök', fileName: `${name}.txt`, bytes: utf8(interview(n)) });
  }
});
afterEach(() => env.cleanup());

describe('search in pages', () => {
  it('finds the same lines in the same order, with or without a role, whatever the page size', async () => {
    for (const role of [undefined, 'participant', 'interviewer'] as const) {
      const input = { project: 'Sök', query: 'skolan', role, limit: 1000 };
      const whole = await searchText(env.ctx, input);
      expect(whole.hits.length).toBeGreaterThan(5);
      expect(whole.hits[0]?.source.name).toBe('a-intervju');
      for (const pageRows of [1, 2]) expect(await searchText(env.ctx, input, { pageRows })).toEqual(whole);
    }
  });

  it('stops at the limit the same way', async () => {
    const input = { project: 'Sök', query: 'skolan', limit: 7 };
    const whole = await searchText(env.ctx, input);
    expect(whole.truncated).toBe(true);
    expect(await searchText(env.ctx, input, { pageRows: 2 })).toEqual(whole);
  });
});
