import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { inject, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let url: string;

beforeAll(async () => {
  env = await tempContext();
  const p = (await createProject(env.ctx, { name: 'Omega' })).id;
  const s = (await importSource(env.ctx, { project: p, fileName: 'a.txt', bytes: utf8('I: Hej.\nIP: Hej själv.') })).id;
  app = await buildServer(env.ctx, { language: 'en' });
  url = `/api/projects/${p}/sources/${s}`;
});
afterAll(async () => {
  await app.close();
  await env.cleanup();
});

describe('PUT …/sources/:s/text', () => {
  it('saves an edited text on its base, and refuses a save on a text changed since with 409', async () => {
    const { textHash } = (await inject(app, { method: 'GET', url })).json();
    const saved = await inject(app, {
      method: 'PUT',
      url: `${url}/text`,
      payload: { text: '[00:00:01] I: Hej.\n[00:00:03] IP: Hej själv.', baseHash: textHash },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      broken: [],
      turns: [
        { speaker: 'I', startMs: 1000 },
        { speaker: 'IP', startMs: 3000 },
      ],
    });
    expect((await inject(app, { method: 'GET', url })).json().textHash).toBe(saved.json().textHash);

    const stale = await inject(app, {
      method: 'PUT',
      url: `${url}/text`,
      payload: { text: 'I: Nej.\nIP: Nej.', baseHash: textHash },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'source.text-changed', message: expect.stringContaining('"a"') });
  });
});
