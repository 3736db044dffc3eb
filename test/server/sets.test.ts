import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { studyFixture } from '../commands/fixtures.js';
import { inject, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext();
  await studyFixture(env.ctx);
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const url = (path: string) => `/api/projects/Omega${path}`;

describe('sets over HTTP', () => {
  it('makes a set from an attribute, lists it, filters the matrix by it, renames and deletes it', async () => {
    const made = await inject(app, {
      method: 'POST',
      url: url('/sets'),
      payload: { kind: 'case', name: 'Norr, Z', fromAttribute: { attribute: 'stadsdel', value: 'Z' } },
    });
    expect(made.statusCode).toBe(201);
    const { id } = made.json();
    expect((await inject(app, { method: 'GET', url: url('/sets') })).json()).toEqual({
      sets: [
        {
          id,
          name: 'Norr, Z',
          kind: 'case',
          description: '',
          rule: { attribute: 'stadsdel', value: 'Z' },
          members: [{ id: expect.any(String), name: 'Kristin' }],
          count: 1,
        },
      ],
    });
    // A set's name may hold a comma: each set is its own parameter.
    const m = (await inject(app, { method: 'GET', url: url(`/matrix?caseSet=${encodeURIComponent('Norr, Z')}`) })).json();
    expect(m.columns.map((c: { label: string }) => c.label)).toEqual(['Kristin']);
    const where = (await inject(app, { method: 'GET', url: url('/matrix?where=stadsdel%3DY') })).json();
    expect(where.columns.map((c: { label: string }) => c.label)).toEqual(['Albin']);
    const renamed = await inject(app, { method: 'PUT', url: url(`/sets/${id}`), payload: { name: 'Z' } });
    expect(renamed.json()).toMatchObject({ id, name: 'Z' });
    expect((await inject(app, { method: 'DELETE', url: url('/sets/Z') })).statusCode).toBe(200);
    expect((await inject(app, { method: 'GET', url: url('/sets') })).json()).toEqual({ sets: [] });
  });

  it('answers bad filters and unknown sets with one clear error', async () => {
    const bad = await inject(app, { method: 'GET', url: url('/matrix?where=stadsdel') });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('filter.where');
    const unknown = await inject(app, { method: 'GET', url: url('/segments?caseSet=Norr') });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('set.case-not-found');
  });
});
