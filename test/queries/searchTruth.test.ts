import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoProject } from '../../src/commands/createDemoProject.js';
import { listSources } from '../../src/commands/listSources.js';
import { searchText } from '../../src/commands/searchText.js';
import { eachParagraph } from '../../src/core/queries/paragraphs.js';
import { allTermsFound, findTerms, parseSearchQuery, stemTerms } from '../../src/core/queries/searchQuery.js';
import { STEM_LANGUAGES } from '../../src/core/queries/stemming.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { matchParagraphs, syncSearchIndex } from '../../src/store/searchIndex.js';
import { tempContext } from '../helpers.js';

/**
 * Search finds what reading every paragraph of every text would find, on the engine under test:
 * FTS5 on SQLite, tsvectors on PostgreSQL. The truth is computed here without any index, so both
 * engines answering these queries the same way is what makes their hits equal.
 */
let env: Awaited<ReturnType<typeof tempContext>>;
let project: string;
beforeAll(async () => {
  env = await tempContext();
  project = (await createDemoProject(env.ctx)).name;
});
afterAll(() => env.cleanup());

const QUERIES = [
  'boendesegregation',
  'riktlinjen',
  'möjligheterna',
  'strategi',
  '"motverka boendesegregation"',
  'kommunen arbetar',
  'riktlinjer/regelverk',
  'användbar',
  'media',
  'x-y-z-finns-inte',
];

async function byReading(query: string): Promise<string[]> {
  const terms = parseSearchQuery(query);
  const stems = stemTerms(terms, STEM_LANGUAGES);
  const out: string[] = [];
  for (const source of await listSources(env.ctx, { project })) {
    const { text } = await env.store.db
      .selectFrom('sources')
      .select('text')
      .where('id', '=', source.id)
      .executeTakeFirstOrThrow();
    const index = new CodePointIndex(text);
    for (const p of eachParagraph(text)) {
      const paragraph = index.slice(p.start, p.end);
      const found = findTerms(paragraph, stems);
      if (!allTermsFound(found, terms.length)) continue;
      const inner = new CodePointIndex(paragraph);
      for (const h of found) out.push(`${source.name}@${p.start + inner.toCodePoint(h.start)}`);
    }
  }
  return out.sort();
}

describe('search hits are the paragraphs that hold every term', () => {
  it.each(QUERIES)('%s', async (query) => {
    const result = await searchText(env.ctx, { project, query, limit: 10_000 });
    const found = result.hits.map((h) => `${h.source.name}@${h.start}`).sort();
    expect(found).toEqual(await byReading(query));
  });

  it('reads the matches a page at a time and finds the same across page boundaries', async () => {
    const { id } = await env.store.db.selectFrom('projects').select('id').where('name', '=', project).executeTakeFirstOrThrow();
    await syncSearchIndex(env.store.db, id);
    const stems = stemTerms(parseSearchQuery('kommunen'), STEM_LANGUAGES);
    const whole = await matchParagraphs(env.store.db, id, stems, 1);
    expect(whole.length).toBeGreaterThan(5);
    expect(await matchParagraphs(env.store.db, id, stems, 1, 2)).toEqual(whole);
  });

  it('the queries are not trivial: most find something', async () => {
    const counts = await Promise.all(QUERIES.map(async (q) => (await byReading(q)).length));
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(6);
    expect(counts.at(-1)).toBe(0);
  });
});
