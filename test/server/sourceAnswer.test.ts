import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { inject, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let p: string;
let s: string;

/** A subtitle file of more turns than one chunk of the streamed answer holds. */
const CUES = 2_100;

beforeAll(async () => {
  env = await tempContext();
  p = (await createProject(env.ctx, { name: 'Omega' })).id;
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 23).replace('.', ',');
  const srt = Array.from(
    { length: CUES },
    (_, i) => `${i + 1}\n${time(i * 1000)} --> ${time(i * 1000 + 900)}\nrad ${i} 👩🏽‍🔬\n`,
  ).join('\n');
  s = (await importSource(env.ctx, { project: p, fileName: 'lång.srt', bytes: utf8(srt) })).id;
  app = await buildServer(env.ctx, { language: 'en' });
});
afterAll(async () => {
  await app.close();
  await env.cleanup();
});

describe('GET …/sources/:s', () => {
  it('streams the source as the JSON of getSource, turns and all', async () => {
    const res = await inject(app, { method: 'GET', url: `/api/projects/${p}/sources/${s}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const source = await getSource(env.ctx, { project: p, source: s });
    expect(res.body).toBe(JSON.stringify(source));
    expect(res.json().turns).toHaveLength(CUES);
  });

  it('still refuses an unknown source with a clear error', async () => {
    const res = await inject(app, { method: 'GET', url: `/api/projects/${p}/sources/okänd` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('source.not-found');
  });
});
