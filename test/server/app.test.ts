import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega <demo>' });
  await addCase(env.ctx, { project: 'Omega <demo>', name: 'Albin' });
  await importSource(env.ctx, { project: 'Omega <demo>', fileName: 'a.txt', bytes: utf8('I: Hej\n\nAlbin: Hej själv'), case: 'Albin' });
});
afterEach(() => env.cleanup());

describe('HTTP server', () => {
  it('lists projects as JSON', async () => {
    const app = buildServer(env.ctx, 'en');
    const res = await app.inject({ method: 'GET', url: '/api/projects' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject([{ name: 'Omega <demo>', sources: 1, cases: 1 }]);
  });

  it('serves a source with its text and turns', async () => {
    const app = buildServer(env.ctx, 'en');
    const res = await app.inject({ method: 'GET', url: `/api/projects/${encodeURIComponent('Omega <demo>')}/sources/a` });
    expect(res.json()).toMatchObject({ name: 'a', text: 'I: Hej\n\nAlbin: Hej själv', case: { name: 'Albin' } });
    expect(res.json().turns).toHaveLength(2);
  });

  it('answers errors as { error: { code, message } } with the right status', async () => {
    const app = buildServer(env.ctx, 'sv');
    const res = await app.inject({ method: 'GET', url: '/api/projects/Nope/sources' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'project.not-found', message: 'Inget projekt heter eller har id "Nope".' } });
  });

  it('serves a page listing the projects, escaping names', async () => {
    const app = buildServer(env.ctx, 'en');
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<strong>Omega &lt;demo&gt;</strong> — 1 sources, 1 cases');
  });
});
