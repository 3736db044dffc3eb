import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { suggestFixture } from '../commands/suggestFixture.js';
import { inject, signedIn, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let f: Awaited<ReturnType<typeof suggestFixture>>;

beforeEach(async () => {
  env = await tempContext('tester');
  f = await suggestFixture(env.ctx);
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const url = () => `/api/projects/${f.p}/codes/finansiering/suggestions`;

describe('HTTP API: find more like this', () => {
  it('GET lists suggestions with score and words; POST a decision accepts one into the suggestions layer', async () => {
    const res = await inject(app, { method: 'GET', url: `${url()}?limit=2` });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ method: 'bm25', parameters: { k1: 1.2, b: 0.75, unit: 'sentence' } });
    expect(body.suggestions).toHaveLength(2);
    const [first] = body.suggestions;
    expect(first.words.length).toBeGreaterThan(0);
    const decided = await inject(app, {
      method: 'POST',
      url: `${url()}/decisions`,
      payload: {
        source: first.sourceId,
        start: first.start,
        end: first.end,
        decision: 'accept',
        method: body.method,
        parameters: body.parameters,
        words: first.words,
        score: first.score,
      },
    });
    expect(decided.statusCode).toBe(201);
    expect(decided.json()).toMatchObject({ decision: 'accept', start: first.start, end: first.end });
    const coded = await inject(app, { method: 'GET', url: `/api/projects/${f.p}/segments?coder=suggestions` });
    expect(coded.json().segments.map((s: { text: string }) => s.text)).toEqual([first.text]);
    const again = await inject(app, { method: 'GET', url: url() });
    expect(again.json().suggestions.map((s: { text: string }) => s.text)).not.toContain(first.text);
  });

  it('answers bad input and a code without examples with a one-line error', async () => {
    const empty = await inject(app, { method: 'GET', url: `/api/projects/${f.p}/codes/media/suggestions` });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: 'suggest.no-examples' });
    expect(empty.json().error.message).toContain('media');
    const bad = await inject(app, { method: 'GET', url: `${url()}?limit=0` });
    expect(bad.statusCode).toBe(400);
  });

  it('a viewer may neither list nor decide', async () => {
    const viewer = await signedIn(app, env.store, 'vera', 'viewer');
    expect((await inject(app, { method: 'GET', url: url(), headers: viewer })).statusCode).toBe(403);
    const post = await inject(app, {
      method: 'POST',
      url: `${url()}/decisions`,
      headers: viewer,
      payload: { source: f.source, start: 0, end: 5, decision: 'reject', method: 'bm25', parameters: {}, score: 1 },
    });
    expect(post.statusCode).toBe(403);
    const coder = await signedIn(app, env.store, 'cleo', 'coder');
    expect((await inject(app, { method: 'GET', url: url(), headers: coder })).statusCode).toBe(200);
  });
});
