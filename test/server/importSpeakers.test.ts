import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import { buildServer } from '../../src/server/app.js';
import { inject, localSession, rowCounts, tempContext } from '../helpers.js';

// A Zoom meeting transcript: numbered cues, `Display Name: text`.
const zoom = Buffer.from(
  'WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nAnna S: Hur började det?\n\n2\n00:00:03.500 --> 00:00:06.000\nalbin k: Med en plan.\n\n3\n00:00:06.500 --> 00:00:08.000\nAnna S: Och sedan?\n',
);

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'P' });
  await addCase(env.ctx, { project: 'P', name: 'Albin' });
  app = await buildServer(env.ctx, { language: 'en' });
  await localSession(app);
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const post = (url: string) =>
  inject(app, { method: 'POST', url, headers: { 'content-type': 'application/octet-stream' }, payload: zoom });

describe('speakers to cases over HTTP', () => {
  it('previews the speakers writing nothing, then imports with each speaker’s turns on a case', async () => {
    const before = await rowCounts(env.store);
    const preview = await post('/api/projects/P/sources/preview?fileName=zoom.vtt');
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      kind: 'vtt',
      turns: 3,
      speakers: [
        { speaker: 'Anna S', turns: 2 },
        { speaker: 'albin k', turns: 1 },
      ],
    });
    expect(await rowCounts(env.store)).toEqual(before);

    const q = new URLSearchParams([
      ['fileName', 'zoom.vtt'],
      ['speaker', 'albin k=Albin'],
      ['speaker', 'Anna S=Intervjuare Anna'],
    ]);
    const res = await post(`/api/projects/P/sources?${q}`);
    expect(res.statusCode).toBe(201);
    expect(res.json().speakers).toEqual([
      { speaker: 'albin k', case: 'Albin', created: false },
      { speaker: 'Anna S', case: 'Intervjuare Anna', created: true },
    ]);
    const source = await getSource(env.ctx, { project: 'P', source: res.json().id });
    expect(source.turns.map((t) => t.case)).toEqual(['Intervjuare Anna', 'Albin', 'Intervjuare Anna']);
  });

  it('refuses a mapping without `=` in one line, writing nothing', async () => {
    const before = await rowCounts(env.store);
    const res = await post('/api/projects/P/sources?fileName=zoom.vtt&speaker=Albin');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'import.speaker-mapping',
      message: '"Albin" is not a speaker mapping; write SPEAKER=CASE, for example SPEAKER_00=Albin.',
    });
    expect(await rowCounts(env.store)).toEqual(before);
  });
});
