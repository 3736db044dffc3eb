import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { buildServer } from '../../src/server/app.js';
import { type TwoCoderStudy, twoCoderStudy } from '../commands/agreementFixture.js';
import { inject, signedIn, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let s: TwoCoderStudy;
let lead: { cookie: string };
let anna: { cookie: string };

beforeEach(async () => {
  // `lead` owns the project and switches blind mode on; anna and bo code.
  env = await tempContext('lead');
  s = await twoCoderStudy(env.ctx);
  await applyCoding({ ...env.ctx, actor: 'anna' }, { project: s.p, source: s.source, code: 'tom', start: 39, end: 49 });
  app = await buildServer(env.ctx, { language: 'en' });
  lead = await signedIn(app, env.store, 'lead', 'owner');
  anna = await signedIn(app, env.store, 'anna', 'coder');
  const blind = await inject(app, {
    method: 'PUT',
    url: `/api/projects/${s.name}/blind`,
    headers: lead,
    payload: { blind: true },
  });
  expect(blind.statusCode).toBe(200);
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const asAnna = (url: string) => inject(app, { method: 'GET', url, headers: anna });

describe('HTTP API: blind mode keeps other coders’ names and numbers from a coder', () => {
  it('agreement is refused with a message naming no one; coders and history show only anna; the audit log is refused', async () => {
    const agreement = await asAnna(`/api/projects/${s.name}/agreement?coders=anna,bo`);
    expect(agreement.statusCode).toBe(403);
    expect(agreement.json().error.code).toBe('coders.blind');
    expect(agreement.body).not.toMatch(/lead|"bo"|\bbo\b/);

    const coders = await asAnna(`/api/projects/${s.name}/coders`);
    expect(coders.json()).toMatchObject({ blind: true, owner: null, mayManage: false, coders: [{ name: 'anna' }] });
    expect(coders.body).not.toMatch(/lead|"bo"/);

    const history = await asAnna(`/api/projects/${s.name}/history`);
    expect(history.json().map((e: { actor: string }) => e.actor)).toEqual(['anna']);

    // The audit log is the owner's to read (server/access.ts): a coder is refused, naming no one.
    const audit = await asAnna(`/api/audit?project=${s.name}`);
    expect(audit.statusCode).toBe(403);
    expect(audit.body).not.toMatch(/lead|"bo"/);

    const reveal = await inject(app, {
      method: 'POST',
      url: `/api/projects/${s.name}/reveal`,
      headers: anna,
    });
    expect(reveal.statusCode).toBe(403);
    expect(reveal.body).not.toMatch(/lead/);
  });

  it('the owner still sees every layer', async () => {
    const owner = await inject(app, { method: 'GET', url: `/api/projects/${s.name}/agreement?coders=anna,bo`, headers: lead });
    expect(owner.statusCode).toBe(200);
    const coders = await inject(app, { method: 'GET', url: `/api/projects/${s.name}/coders`, headers: lead });
    expect(coders.json()).toMatchObject({ owner: 'lead', mayManage: true });
    expect(coders.json().coders.map((c: { name: string }) => c.name)).toEqual(['anna', 'bo']);
  });
});
