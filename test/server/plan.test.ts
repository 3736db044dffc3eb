import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { setInterview } from '../../src/commands/setInterview.js';
import { buildServer } from '../../src/server/app.js';
import { inject, rowCounts, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  for (const name of ['albin', 'kristin']) {
    await importSource(env.ctx, { project: 'Omega', fileName: `${name}.txt`, bytes: utf8('I: Hur?\n\nIP: Så.') });
    await setInterview(env.ctx, { project: 'Omega', source: name, length: '30:00' });
  }
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('the transcription plan over HTTP', () => {
  it('plans, shows the plan and marks a part transcribed', async () => {
    const planned = await inject(app, {
      method: 'PUT',
      url: '/api/projects/Omega/transcription-plan',
      payload: { transcribers: [{ name: 'Yaman' }, { name: 'Zozan' }] },
    });
    expect(planned.statusCode).toBe(200);
    expect(
      planned.json().parts.map((p: { source: { name: string }; transcriber: string }) => [p.source.name, p.transcriber]),
    ).toEqual([
      ['albin', 'Yaman'],
      ['kristin', 'Zozan'],
    ]);
    const marked = await inject(app, {
      method: 'POST',
      url: '/api/projects/Omega/transcription-plan/done',
      payload: { source: 'kristin', transcriber: 'Zozan', done: true },
    });
    expect(marked.json().transcribers[1]).toMatchObject({ name: 'Zozan', doneMs: 1_800_000 });
    const shown = (await inject(app, { method: 'GET', url: '/api/projects/Omega/transcription-plan' })).json();
    expect(shown.parts.map((p: { done: boolean }) => p.done)).toEqual([false, true]);
  });

  it('answers a transcriber named twice with one clear line and changes nothing', async () => {
    await inject(app, { method: 'GET', url: '/api/projects/Omega/transcription-plan' }); // signs in first
    const before = await rowCounts(env.store);
    const res = await inject(app, {
      method: 'PUT',
      url: '/api/projects/Omega/transcription-plan',
      payload: { transcribers: [{ name: 'Yaman' }, { name: 'Yaman' }] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'plan.transcriber-twice',
      message: 'The transcriber "Yaman" is named twice; name each once.',
    });
    expect(await rowCounts(env.store)).toEqual(before);
  });
});
