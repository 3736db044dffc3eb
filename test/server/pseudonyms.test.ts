import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { inject, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
const SECRET = { 'x-koda-pseudonym-key': 'serverns hemlighet' };

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'P' });
  await importSource(env.ctx, { project: 'P', fileName: 'a.txt', bytes: utf8('I: Hej\n\nKerstin: Jag bor i Hammarkullen.') });
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('pseudonym routes', () => {
  it('suggests, adds with the secret header, lists without real forms, and applies', async () => {
    const suggested = await inject(app, { method: 'GET', url: '/api/projects/P/pseudonyms/suggestions?pattern=Jag&minCount=1' });
    expect(suggested.statusCode).toBe(200);
    expect(
      suggested
        .json()
        .candidates.map((c: { form: string }) => c.form)
        .sort(),
    ).toEqual(['Hammarkullen', 'Jag', 'Kerstin']);

    const locked = await inject(app, {
      method: 'POST',
      url: '/api/projects/P/pseudonyms',
      payload: { real: ['Kerstin'], fictive: 'Lena' },
    });
    expect(locked.statusCode).toBe(403);
    expect(locked.json().error.code).toBe('pseudonym.secret-required');
    const added = await inject(app, {
      method: 'POST',
      url: '/api/projects/P/pseudonyms',
      headers: SECRET,
      payload: { real: ['Kerstin'], fictive: 'Lena' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ fictive: 'Lena', kind: 'person' });

    const list = await inject(app, { method: 'GET', url: '/api/projects/P/pseudonyms' });
    expect(list.json()).toMatchObject({ unlocked: false, entries: [{ fictive: 'Lena', kind: 'person' }] });
    expect(list.body).not.toContain('Kerstin');
    const unlocked = await inject(app, { method: 'GET', url: '/api/projects/P/pseudonyms', headers: SECRET });
    expect(unlocked.json().entries[0].real).toEqual(['Kerstin']);

    const dry = await inject(app, {
      method: 'POST',
      url: '/api/projects/P/pseudonyms/apply',
      headers: SECRET,
      payload: { dryRun: true },
    });
    expect(dry.json()).toMatchObject({ dryRun: true, totals: { replacements: 1 } });
    const applied = await inject(app, { method: 'POST', url: '/api/projects/P/pseudonyms/apply', headers: SECRET, payload: {} });
    expect(applied.statusCode).toBe(200);
    const source = await inject(app, { method: 'GET', url: '/api/projects/P/sources/a' });
    expect(source.json().text).toBe('I: Hej\n\nLena: Jag bor i Hammarkullen.');
  });
});
