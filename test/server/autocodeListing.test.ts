import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { AUTOCODE_LISTED_MAX } from '../../src/server/routes/queries.js';
import { inject, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
const HITS = AUTOCODE_LISTED_MAX + 50;

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Studie' });
  await addCode(env.ctx, { project: 'Studie', name: 'kommun' });
  await importSource(env.ctx, { project: 'Studie', fileName: 'a.txt', bytes: utf8('Kommunen ansvarar. '.repeat(HITS)) });
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('auto-coding over HTTP', () => {
  it('lists a bounded number of segments, counts and writes them all', async () => {
    const body = { code: 'kommun', pattern: 'kommunen', unit: 'sentence' };
    const run = await inject(app, { method: 'POST', url: '/api/projects/Studie/autocode', payload: body });
    expect(run.statusCode).toBe(201);
    expect(run.json()).toMatchObject({ segments: HITS, created: HITS });
    expect(run.json().listed).toHaveLength(AUTOCODE_LISTED_MAX);
    const tooMany = await inject(app, {
      method: 'POST',
      url: '/api/projects/Studie/autocode',
      payload: { ...body, dryRun: true, limit: AUTOCODE_LISTED_MAX + 1 },
    });
    expect(tooMany.statusCode).toBe(400);
  });
});
