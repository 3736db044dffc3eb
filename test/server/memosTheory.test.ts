import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { type Study, studyFixture } from '../commands/fixtures.js';
import { inject, tempContext } from '../helpers.js';

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

const url = (path: string) => `/api/projects/Omega${path}`;

describe('memos over HTTP', () => {
  it('writes a memo on a segment, finds it by a word, edits and deletes it', async () => {
    const written = await inject(app, {
      method: 'POST',
      url: url('/memos'),
      payload: { target: 'segment', on: s.segments.tidsbrist, title: 'Tidsbrist', body: 'Strategierna hjälper inte.' },
    });
    expect(written.statusCode).toBe(201);
    const { id } = written.json();
    const found = (await inject(app, { method: 'GET', url: url('/memos?q=strategi') })).json();
    expect(found).toMatchObject([{ id, target: 'segment', targetName: 'grupp', segment: { code: 'tidsbrist' } }]);
    const onCode = (await inject(app, { method: 'GET', url: url(`/memos?target=code&on=${s.codes.tidsbrist}`) })).json();
    expect(onCode.map((m: { title: string }) => m.title)).toEqual(['Definition']);

    const edited = await inject(app, { method: 'PUT', url: url(`/memos/${id}`), payload: { title: 'Tid', body: 'Ny' } });
    expect(edited.json()).toEqual({ id, target: 'segment', targetId: s.segments.tidsbrist });
    expect((await inject(app, { method: 'DELETE', url: url(`/memos/${id}`) })).statusCode).toBe(200);
    expect((await inject(app, { method: 'GET', url: url('/memos?q=strategi') })).json()).toEqual([]);
  });

  it('answers a memo with no target and an unknown memo with one clear line', async () => {
    const missing = await inject(app, { method: 'POST', url: url('/memos'), payload: { target: 'code', title: 'x' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toEqual({
      code: 'memo.target-missing',
      message: 'Say which code the memo is on, by name or id.',
    });
    const gone = await inject(app, { method: 'DELETE', url: url('/memos/nej') });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('memo.not-found');
  });
});

describe('theory over HTTP', () => {
  it('adds a concept, links a code and a memo, lists it, edits, unlinks and deletes it', async () => {
    const added = await inject(app, {
      method: 'POST',
      url: url('/theory'),
      payload: { name: 'handlingsutrymme', reference: 'Lipsky 2010' },
    });
    expect(added.statusCode).toBe(201);
    const { id } = added.json();
    const link = (target: string, on: string, method: 'PUT' | 'DELETE' = 'PUT') =>
      inject(app, { method, url: url(`/theory/${id}/links/${target}/${encodeURIComponent(on)}`) });
    expect((await link('code', s.codes.media)).json()).toMatchObject({ added: true });
    expect((await link('memo', s.memos.code)).statusCode).toBe(200);
    await inject(app, { method: 'PATCH', url: url(`/theory/${id}`), payload: { definition: 'Frihet att välja' } });

    const { concepts } = (await inject(app, { method: 'GET', url: url('/theory') })).json();
    expect(concepts).toMatchObject([
      {
        id,
        name: 'handlingsutrymme',
        definition: 'Frihet att välja',
        reference: 'Lipsky 2010',
        codes: [{ id: s.codes.media, name: 'media', segments: 1 }],
        memos: [{ id: s.memos.code, title: 'Definition' }],
      },
    ]);
    expect((await link('code', s.codes.media, 'DELETE')).statusCode).toBe(200);
    const missing = await link('code', s.codes.media, 'DELETE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('concept.link-not-found');
    const taken = await inject(app, { method: 'POST', url: url('/theory'), payload: { name: 'Handlingsutrymme' } });
    expect(taken.statusCode).toBe(409);
    expect((await inject(app, { method: 'DELETE', url: url(`/theory/${id}`) })).json()).toMatchObject({ links: 1 });
    expect((await inject(app, { method: 'GET', url: url('/theory') })).json()).toEqual({ concepts: [] });
  });
});
