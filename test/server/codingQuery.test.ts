import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { QUOTES, type Study, studyFixture } from '../commands/fixtures.js';
import { inject, rowCounts, signedIn, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let s: Study;

beforeEach(async () => {
  env = await tempContext();
  s = await studyFixture(env.ctx);
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const url = (path: string) => `/api/projects/${s.p}${path}`;

describe('coding queries and smart codes over HTTP', () => {
  it('runs a query with a filter, saves it as a smart code, lists, edits, reads its hits and deletes it', async () => {
    const run = await inject(app, {
      method: 'POST',
      url: url('/coding-query'),
      payload: { expression: 'tidsbrist and not media', filter: { speaker: 'participant' } },
    });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toMatchObject({ expression: '"tidsbrist" AND NOT "media"', total: 1, hits: [{ text: QUOTES.kristin }] });

    const saved = await inject(app, {
      method: 'POST',
      url: url('/smart-codes'),
      payload: { name: 'Bara tid', expression: 'tidsbrist AND NOT media', color: '#336699' },
    });
    expect(saved.statusCode).toBe(201);
    const { id } = saved.json();
    const listed = (await inject(app, { method: 'GET', url: url('/smart-codes') })).json();
    expect(listed.smartCodes).toEqual([
      {
        id,
        name: 'Bara tid',
        expression: '"tidsbrist" AND NOT "media"',
        filter: {},
        color: '#336699',
        description: '',
        hits: 1,
        problem: null,
      },
    ]);
    const edited = await inject(app, { method: 'PUT', url: url(`/smart-codes/${id}`), payload: { expression: 'tidsbrist' } });
    expect(edited.statusCode).toBe(200);
    const hits = (await inject(app, { method: 'GET', url: url('/smart-codes/Bara%20tid/hits?limit=1') })).json();
    expect(hits).toMatchObject({ total: 2, hits: [{ text: QUOTES.media, codes: ['tidsbrist'] }] });
    expect((await inject(app, { method: 'DELETE', url: url(`/smart-codes/${id}`) })).statusCode).toBe(200);
    expect((await inject(app, { method: 'GET', url: url('/smart-codes') })).json().smartCodes).toEqual([]);
  });

  it('answers a query that does not parse with one clear line, and changes nothing', async () => {
    await inject(app, { method: 'GET', url: url('/smart-codes') }); // signs in first
    const before = await rowCounts(env.store);
    const res = await inject(app, {
      method: 'POST',
      url: url('/smart-codes'),
      payload: { name: 'X', expression: 'media NEAR media' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'query.syntax',
      message: 'The query does not read at character 12: expected a number of words after “NEAR”, found “media”.',
    });
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('lets a viewer run queries and read smart codes, but not keep them', async () => {
    const viewer = await signedIn(app, env.store, 'vera', 'viewer');
    const headers = { cookie: viewer.cookie };
    const run = await inject(app, { method: 'POST', url: url('/coding-query'), headers, payload: { expression: 'media' } });
    expect(run.statusCode).toBe(200);
    expect((await inject(app, { method: 'GET', url: url('/smart-codes'), headers })).statusCode).toBe(200);
    const save = await inject(app, {
      method: 'POST',
      url: url('/smart-codes'),
      headers,
      payload: { name: 'M', expression: 'media' },
    });
    expect(save.statusCode).toBe(403);
    expect(save.json().error.code).toBe('auth.role');
  });
});
