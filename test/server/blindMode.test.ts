import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { buildServer } from '../../src/server/app.js';
import { type TwoCoderStudy, twoCoderStudy } from '../commands/agreementFixture.js';
import { inject, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let s: TwoCoderStudy;

beforeEach(async () => {
  // `lead` owns the project and switches blind mode on; anna and bo code.
  env = await tempContext('lead');
  s = await twoCoderStudy(env.ctx);
  await applyCoding({ ...env.ctx, actor: 'anna' }, { project: s.p, source: s.source, code: 'tom', start: 39, end: 49 });
  app = await buildServer(env.ctx, { language: 'en' });
  expect((await inject(app, { method: 'PUT', url: `/api/projects/${s.name}/blind`, payload: { blind: true } })).statusCode).toBe(
    200,
  );
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const asAnna = (url: string) => inject(app, { method: 'GET', url, headers: { 'x-koda-coder': 'anna' } });

describe('HTTP API: blind mode keeps other coders’ names and numbers from a coder', () => {
  it('agreement is refused with a message naming no one; coders, history and audit show only anna', async () => {
    const agreement = await asAnna(`/api/projects/${s.name}/agreement?coders=anna,bo`);
    expect(agreement.statusCode).toBe(403);
    expect(agreement.json().error.code).toBe('coders.blind');
    expect(agreement.body).not.toMatch(/lead|"bo"|\bbo\b/);

    const coders = await asAnna(`/api/projects/${s.name}/coders`);
    expect(coders.json()).toMatchObject({ blind: true, owner: null, mayManage: false, coders: [{ name: 'anna' }] });
    expect(coders.body).not.toMatch(/lead|"bo"/);

    const history = await asAnna(`/api/projects/${s.name}/history`);
    expect(history.json().map((e: { actor: string }) => e.actor)).toEqual(['anna']);

    const audit = await asAnna(`/api/audit?project=${s.name}`);
    expect(audit.json().map((e: { actor: string }) => e.actor)).toEqual(['anna']);

    const reveal = await inject(app, {
      method: 'POST',
      url: `/api/projects/${s.name}/reveal`,
      headers: { 'x-koda-coder': 'anna' },
    });
    expect(reveal.statusCode).toBe(403);
    expect(reveal.body).not.toMatch(/lead/);
  });

  it('the owner still sees every layer', async () => {
    const owner = await inject(app, { method: 'GET', url: `/api/projects/${s.name}/agreement?coders=anna,bo` });
    expect(owner.statusCode).toBe(200);
    const coders = await inject(app, { method: 'GET', url: `/api/projects/${s.name}/coders` });
    expect(coders.json()).toMatchObject({ owner: 'lead', mayManage: true });
    expect(coders.json().coders.map((c: { name: string }) => c.name)).toEqual(['anna', 'bo']);
  });
});
