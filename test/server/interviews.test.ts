import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { inject, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  const text = 'I: Hur ser du på mediernas påverkan?\n\nAlbin: Media stämplar området.';
  await importSource(env.ctx, { project: 'Omega', fileName: 'albin.txt', bytes: utf8(text) });
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('the interview guide and log over HTTP', () => {
  it('adds a version, places its question, confirms the place, logs the interview and downloads the log', async () => {
    const added = await inject(app, {
      method: 'POST',
      url: '/api/projects/Omega/guide/versions',
      payload: { version: '1', from: '2021-03-01', questionList: '● Hur ser du på mediernas påverkan?\n' },
    });
    expect(added.json()).toMatchObject({ version: '1', questions: 1, newQuestions: 1 });

    const places = (await inject(app, { method: 'GET', url: '/api/projects/Omega/sources/albin/guide' })).json();
    const [question] = places.questions;
    expect(question).toMatchObject({ asked: true, score: 1, turn: { position: 0 } });
    const confirmed = await inject(app, {
      method: 'PUT',
      url: `/api/projects/Omega/sources/albin/guide/${question.id}`,
      payload: { turn: question.turn.id },
    });
    expect(confirmed.statusCode).toBe(200);

    const logged = await inject(app, {
      method: 'PUT',
      url: '/api/projects/Omega/sources/albin/interview',
      payload: { heldOn: '2021-03-04', length: '1:07:00', interviewers: ['Yaman'] },
    });
    expect(logged.statusCode).toBe(200);
    const log = (await inject(app, { method: 'GET', url: '/api/projects/Omega/interviews' })).json();
    expect(log.interviews[0]).toMatchObject({ heldOn: '2021-03-04', length: { ms: 4_020_000, from: 'typed' } });

    const xlsx = await inject(app, { method: 'GET', url: '/api/projects/Omega/interviews/export' });
    expect(xlsx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('answers a bad length with one clear line and changes nothing', async () => {
    const res = await inject(app, {
      method: 'PUT',
      url: '/api/projects/Omega/sources/albin/interview',
      payload: { length: 'long' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('interview.length');
    expect((await inject(app, { method: 'GET', url: '/api/projects/Omega/interviews' })).json().interviews[0].heldOn).toBeNull();
  });
});
