import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addPseudonym } from '../../src/commands/addPseudonym.js';
import { applyPseudonyms } from '../../src/commands/applyPseudonyms.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { sample } from '../formats/refi/support.js';
import { inject, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext('anna');
  await createProject(env.ctx, { name: 'P' });
  await addCase(env.ctx, { project: 'P', name: 'Kerstin' });
  await importSource(env.ctx, { project: 'P', fileName: 'k.txt', bytes: utf8('Kerstin: Hej från Omega.'), case: 'Kerstin' });
  await importSource(env.ctx, { project: 'P', fileName: 'b.txt', bytes: utf8('Bo: Hej.') });
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('HTTP for the workbench’s privacy and exchange pages', () => {
  it('lists each source’s retention: original kept, verified, the rule', async () => {
    await inject(app, {
      method: 'PUT',
      url: '/api/projects/P/sources/k/retention',
      payload: { deleteOriginalWhenVerified: true },
    });
    await inject(app, { method: 'POST', url: '/api/projects/P/sources/k/verify' });
    const res = await inject(app, { method: 'GET', url: '/api/projects/P/retention' });
    expect(res.statusCode).toBe(200);
    const [b, k] = res.json();
    expect(b).toMatchObject({
      name: 'b',
      originalName: 'b.txt',
      originalKept: true,
      verifiedAt: null,
      deleteOriginalWhenVerified: false,
    });
    expect(k).toMatchObject({ name: 'k', originalKept: false, deleteOriginalWhenVerified: true });
    expect(k.verifiedAt).toEqual(expect.any(String));
    expect(k.originalDeletedAt).toEqual(expect.any(String));
  });

  it('withdraws a participant whose pseudonyms need the key, with the secret in the header', async () => {
    const secret = { ...env.ctx, pseudonymSecret: 's3cret' };
    await addPseudonym(secret, { project: 'P', real: 'Omega', fictive: 'Alfa', kind: 'place' });
    await applyPseudonyms(secret, { project: 'P' });
    const url = '/api/projects/P/cases/Kerstin/withdraw';
    const without = await inject(app, { method: 'POST', url });
    expect(without.json().error.code).toBe('pseudonym.secret-required');
    const res = await inject(app, { method: 'POST', url, headers: { 'x-koda-pseudonym-key': 's3cret' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Kerstin', sources: 1, pseudonymEntries: 1 });
  });

  it('gives each import summary item its sentence in the asker’s language', async () => {
    const post = (lang: string) =>
      inject(app, {
        method: 'POST',
        url: `/api/import?fileName=atlas.qdpx&project=${lang}`,
        headers: { 'content-type': 'application/octet-stream', 'x-koda-lang': lang },
        payload: Buffer.from(sample('atlasti-23.2-codes-only.qdpx')),
      });
    expect((await post('en')).json().summary).toEqual([
      {
        kind: 'codes-without-colour',
        count: 3,
        examples: expect.any(Array),
        message: expect.stringMatching(/^3 codes without a colour/),
      },
    ]);
    expect((await post('sv')).json().summary[0].message).toMatch(/^3 kod/);
    const exported = await inject(app, {
      method: 'GET',
      url: '/api/projects/P/export?format=qdpx',
      headers: { 'x-koda-lang': 'en' },
    });
    const summary = JSON.parse(decodeURIComponent(String(exported.headers['x-koda-summary'])));
    expect(summary.every((i: { message: string }) => i.message.length > 0 && !i.message.startsWith('cli|'))).toBe(true);
  });
});
