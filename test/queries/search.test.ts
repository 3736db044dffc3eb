import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { getSource } from '../../src/commands/getSource.js';
import { importSource } from '../../src/commands/importSource.js';
import { searchText } from '../../src/commands/searchText.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { syncSearchIndex } from '../../src/store/searchIndex.js';
import { tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
});
afterEach(() => env.cleanup());

const SV =
  'I: Vilka möjligheter ser du?\n\nAlbin: Det finns en möjlighet 😀 till samverkan. Möjligheten är stor.\n\nI: Och hinder?\n\nAlbin: Tidsbrist, och strategier.';
const EN =
  'Interviewer: What is your strategy?\n\nKim: Our strategy is simple 🙂 and it works.\n\nKim: Strategies change, and strategic plans too.';

async function ftsRows(): Promise<number> {
  const r = await sql<{ n: number }>`select count(*) as n from search_paragraphs`.execute(env.store.db);
  return Number(r.rows[0]?.n);
}

describe('searchText', () => {
  it('finds the Swedish forms of a word by its stem, with keyword-in-context lines and code point offsets', async () => {
    await createProject(env.ctx, { name: 'Sök', language: 'sv' });
    await importSource(env.ctx, { project: 'Sök', fileName: 'albin.txt', bytes: utf8(SV) });
    const r = await searchText(env.ctx, { project: 'Sök', query: 'möjligheterna', context: 20 });
    expect(r.terms).toEqual([{ words: ['möjligheterna'], stems: { sv: ['möj'], en: ['möjligheterna'] } }]);
    expect(r.paragraphs).toBe(2);
    expect(r.hits.map((h) => [h.left, h.match, h.right, h.start, h.end])).toEqual([
      ['I: Vilka ', 'möjligheter', ' ser du?', 9, 20],
      ['Albin: Det finns en ', 'möjlighet', ' 😀 till samverkan.…', 50, 59],
      ['…😀 till samverkan. ', 'Möjligheten', ' är stor.', 78, 89],
    ]);
    const { text } = await getSource(env.ctx, { project: 'Sök', source: 'albin' });
    const index = new CodePointIndex(text);
    for (const h of r.hits) expect(index.slice(h.start, h.end)).toBe(h.match);
    expect(r.truncated).toBe(false);
  });

  it('finds the English forms with English stemming: "strategies" finds "strategy"', async () => {
    await createProject(env.ctx, { name: 'Study', language: 'en' });
    await importSource(env.ctx, { project: 'Study', fileName: 'kim.txt', bytes: utf8(EN) });
    const r = await searchText(env.ctx, { project: 'Study', query: 'strategies', language: 'en' });
    expect(r.hits.map((h) => h.match)).toEqual(['strategy', 'strategy', 'Strategies']);
    expect(r.hits.map((h) => h.start)).toEqual([26, 46, 87]);
    // "strategic" has another English stem: not found.
    expect(r.hits.some((h) => h.match === 'strategic')).toBe(false);
  });

  it('needs every term in the paragraph, and a quoted phrase in a row', async () => {
    await createProject(env.ctx, { name: 'Sök', language: 'sv' });
    await importSource(env.ctx, { project: 'Sök', fileName: 'albin.txt', bytes: utf8(SV) });
    const both = await searchText(env.ctx, { project: 'Sök', query: 'möjlighet samverkan' });
    expect(both.paragraphs).toBe(1);
    expect(both.hits.map((h) => h.match)).toEqual(['möjlighet', 'samverkan', 'Möjligheten']);
    expect((await searchText(env.ctx, { project: 'Sök', query: '"till samverkan"' })).hits.map((h) => h.match)).toEqual([
      'till samverkan',
    ]);
    expect((await searchText(env.ctx, { project: 'Sök', query: '"samverkan till"' })).hits).toEqual([]);
    const limited = await searchText(env.ctx, { project: 'Sök', query: 'möjlighet', limit: 2 });
    expect(limited.hits).toHaveLength(2);
    expect(limited.truncated).toBe(true);
    await expect(searchText(env.ctx, { project: 'Sök', query: ' "" , ' })).rejects.toMatchObject({ code: 'search.empty' });
  });

  it('keeps the index in step with the texts: deleted sources leave it, new ones enter it', async () => {
    await createProject(env.ctx, { name: 'Sök', language: 'sv' });
    await importSource(env.ctx, { project: 'Sök', fileName: 'albin.txt', bytes: utf8(SV) });
    expect((await searchText(env.ctx, { project: 'Sök', query: 'tidsbrist' })).hits).toHaveLength(1);
    expect(await ftsRows()).toBe(4);
    await importSource(env.ctx, { project: 'Sök', fileName: 'två.txt', bytes: utf8('Tidsbrist igen.\n\nOch mer tidsbrist.') });
    expect((await searchText(env.ctx, { project: 'Sök', query: 'tidsbrist' })).hits.map((h) => h.source.name)).toEqual([
      'albin',
      'två',
      'två',
    ]);
    expect(await ftsRows()).toBe(6);
    await deleteSource(env.ctx, { project: 'Sök', source: 'albin' });
    expect(await syncSearchIndex(env.store.db)).toEqual({ indexed: 0, dropped: 1, paragraphs: 0 });
    expect(await ftsRows()).toBe(2);
    expect((await searchText(env.ctx, { project: 'Sök', query: 'tidsbrist' })).hits.map((h) => h.source.name)).toEqual([
      'två',
      'två',
    ]);
    // A second project's sources are not found from the first.
    await createProject(env.ctx, { name: 'Annan', language: 'sv' });
    await importSource(env.ctx, { project: 'Annan', fileName: 'x.txt', bytes: utf8('Tidsbrist här också.') });
    expect((await searchText(env.ctx, { project: 'Annan', query: 'tidsbrist' })).hits.map((h) => h.source.name)).toEqual(['x']);
  });
});
