import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { searchText } from '../../src/commands/searchText.js';
import { buildServer } from '../../src/server/app.js';
import { inject, tempContext, utf8 } from '../helpers.js';

// The interviewer's question holds the word as often as the answer: most hits of a word can be
// the interviewer's own.
const INTERVIEW =
  'I: Samverkar ni med skolan? Och med fritidsgården?\n\nAlbin: Ja, med skolan varje vecka.\nI2: Varför skolan?\n\nKerstin: Skolan ser barnen först.';
const NOTE = 'Fältanteckning: skolan var stängd.';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Sök', language: 'sv' });
  await importSource(env.ctx, { project: 'Sök', fileName: 'intervju.txt', bytes: utf8(INTERVIEW) });
  await importSource(env.ctx, { project: 'Sök', fileName: 'anteckning.txt', bytes: utf8(NOTE) });
});
afterEach(() => env.cleanup());

/** Each hit as its word and where it starts (this text has no emoji: code points are UTF-16 units). */
const places = (r: Awaited<ReturnType<typeof searchText>>) => r.hits.map((h) => `${h.match}@${h.start}`);
const at = (phrase: string, word: string) => `${word}@${INTERVIEW.indexOf(phrase) + phrase.indexOf(word)}`;

describe('search by speaker role', () => {
  it('finds a word in the participants’ answers only, or in the interviewers’ questions only', async () => {
    const all = await searchText(env.ctx, { project: 'Sök', query: 'skolan', context: 12 });
    expect(all.hits).toHaveLength(5);

    const answers = await searchText(env.ctx, { project: 'Sök', query: 'skolan', context: 12, role: 'participant' });
    // Albin's answer and the follow-up question I2 share a paragraph: each hit goes by its own turn.
    expect(places(answers)).toEqual([at('Ja, med skolan', 'skolan'), at('Skolan ser', 'Skolan')]);
    expect(answers.paragraphs).toBe(2);

    const questions = await searchText(env.ctx, { project: 'Sök', query: 'skolan', context: 12, role: 'interviewer' });
    expect(places(questions)).toEqual([at('ni med skolan', 'skolan'), at('Varför skolan', 'skolan')]);
    expect(questions.paragraphs).toBe(2);
  });

  it('leaves out text that no labelled turn holds (a field note has no speaker)', async () => {
    const r = await searchText(env.ctx, { project: 'Sök', query: 'stängd', role: 'participant' });
    expect(r.hits).toEqual([]);
    expect(r.paragraphs).toBe(0);
  });

  it('takes the role from the API, and refuses an unknown one', async () => {
    const app = await buildServer(env.ctx, { language: 'en' });
    try {
      const res = await inject(app, { method: 'GET', url: '/api/projects/S%C3%B6k/search?q=skolan&role=participant' });
      expect(res.statusCode).toBe(200);
      expect(res.json().hits.map((h: { match: string }) => h.match)).toEqual(['skolan', 'Skolan']);
      const bad = await inject(app, { method: 'GET', url: '/api/projects/S%C3%B6k/search?q=skolan&role=moderator' });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });
});
