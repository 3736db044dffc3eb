import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { retrieveSegmentPage } from '../../src/commands/retrieveSegments.js';
import { unpackSegments } from '../../src/core/segmentPage.js';
import { buildServer } from '../../src/server/app.js';
import { inject, localSession, rowCounts, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
/** The laptop's person, signed in before any test counts rows. */
let cookie: string;
const P = encodeURIComponent('Omega <demo>');

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega <demo>' });
  await addCase(env.ctx, { project: 'Omega <demo>', name: 'Albin' });
  await importSource(env.ctx, {
    project: 'Omega <demo>',
    fileName: 'a.txt',
    bytes: utf8('I: Hej\n\nAlbin: Hej själv 😀 här'),
    case: 'Albin',
  });
  app = await buildServer(env.ctx, { language: 'en' });
  cookie = (await localSession(app)) as string;
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('HTTP API', () => {
  it('lists projects as JSON', async () => {
    const res = await inject(app, { method: 'GET', url: '/api/projects' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject([{ name: 'Omega <demo>', sources: 1, cases: 1 }]);
  });

  it('serves a source with its text and turns', async () => {
    const res = await inject(app, { method: 'GET', url: `/api/projects/${P}/sources/a` });
    expect(res.json()).toMatchObject({ name: 'a', text: 'I: Hej\n\nAlbin: Hej själv 😀 här', case: { name: 'Albin' } });
    expect(res.json().turns).toHaveLength(2);
  });

  it('uploads a file as the raw body and imports it', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: `/api/projects/${P}/sources?fileName=b.txt&case=Albin`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('IP: Ja.\n\nI: Tack.'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'b', turns: 2 });
    const refused = await inject(app, {
      method: 'POST',
      url: `/api/projects/${P}/sources?fileName=c.txt`,
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from([0xe4, 0xe4, 0xe4]),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('import.encoding');
  });

  it('codes a span as the acting coder, retrieves it, and undoes it', async () => {
    await inject(app, { method: 'POST', url: `/api/projects/${P}/codes`, payload: { name: 'trygghet', color: '#2e9e4f' } });
    const start = 'I: Hej\n\nAlbin: '.length;
    // Zozan names herself on the laptop (local mode): her coding goes into her layer.
    const local = await inject(app, {
      method: 'POST',
      url: '/api/session/local',
      headers: { cookie: '' },
      payload: { name: 'Zozan' },
    });
    const zozan = String(local.headers['set-cookie']).split(';')[0] ?? '';
    const coded = await inject(app, {
      method: 'POST',
      url: `/api/projects/${P}/segments`,
      headers: { cookie: zozan },
      payload: { source: 'a', code: 'trygghet', start, end: start + 12 }, // 12 code points, 13 UTF-16 units
    });
    expect(coded.statusCode).toBe(201);
    expect(coded.json().text).toBe('Hej själv 😀 ');
    const list = await inject(app, { method: 'GET', url: `/api/projects/${P}/segments?code=trygghet` });
    expect(unpackSegments(list.json())).toMatchObject([{ coder: 'Zozan', case: { name: 'Albin' }, text: 'Hej själv 😀 ' }]);
    // Streamed in chunks (issue 13), yet the same data the command's answer holds.
    expect(list.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(list.json()).toEqual(await retrieveSegmentPage(env.ctx, { project: 'Omega <demo>', code: 'trygghet' }));
    const undone = await inject(app, { method: 'POST', url: `/api/projects/${P}/undo` });
    expect(undone.json()).toMatchObject({ action: 'segment.apply' });
    expect((await inject(app, { method: 'GET', url: `/api/projects/${P}/segments` })).json()).toMatchObject({
      segments: [],
      next: null,
    });
  });

  it('answers errors as { error: { code, message } } with the right status and language', async () => {
    const res = await inject(app, { method: 'GET', url: '/api/projects/Nope/sources', headers: { 'x-koda-lang': 'sv' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'project.not-found', message: 'Inget projekt heter eller har id "Nope".' } });
    const before = await rowCounts(env.store);
    const bad = await inject(app, {
      method: 'POST',
      url: `/api/projects/${P}/segments`,
      payload: { source: 'a', code: 'x', start: 'zero' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('input.invalid');
    const past = await inject(app, { method: 'POST', url: `/api/projects/${P}/codes`, payload: { name: 'x', color: 'red' } });
    expect(past.statusCode).toBe(400);
    expect(past.json().error).toEqual({ code: 'code.color', message: '"red" is not a colour; use #rrggbb, e.g. #d64541.' });
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('previews a deletion with dryRun and changes nothing', async () => {
    const before = await rowCounts(env.store);
    const res = await inject(app, { method: 'DELETE', url: `/api/projects/${P}/cases/Albin?withSources=true&dryRun=true` });
    expect(res.json()).toMatchObject({ name: 'Albin', sources: 1, turns: 2, sourcesDeleted: true });
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('documents itself at /api/openapi.json', async () => {
    const doc = (await inject(app, { method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/projects/{project}/segments', '/api/projects/{project}/codes/{code}/merge']),
    );
    expect(doc.paths['/api/projects/{project}/segments'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['source', 'code', 'start', 'end']),
    );
  });

  it('serves a page listing the projects, escaping names, when no UI is built', async () => {
    const res = await inject(app, { method: 'GET', url: '/' });
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<strong>Omega &lt;demo&gt;</strong> — 1 source, 1 case');
  });
});

describe('live updates', () => {
  it('tells every client watching a project about a change made by another', async () => {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const watch = async () => {
      const res = await fetch(`${url}/api/projects/${P}/events`, { headers: { cookie } });
      const reader = (res.body as ReadableStream<Uint8Array>).getReader();
      await reader.read(); // ": connected"
      return reader;
    };
    const [tabA, tabB] = [await watch(), await watch()];
    await fetch(`${url}/api/projects/${P}/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-koda-csrf': '1', cookie },
      body: JSON.stringify({ name: 'ny' }),
    });
    for (const tab of [tabA, tabB]) {
      const { value } = await tab.read();
      const text = new TextDecoder().decode(value);
      expect(text).toMatch(/^event: change\ndata: /);
      expect(JSON.parse(text.split('data: ')[1] as string)).toMatchObject({ action: 'code.add', stale: ['codebook'] });
      await tab.cancel();
    }
  });

  it('tells what an undo made stale: the stale set of the action it undid', async () => {
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}/api/projects/${P}/events`, { headers: { cookie } });
    const tab = (res.body as ReadableStream<Uint8Array>).getReader();
    await tab.read(); // ": connected"
    const post = (path: string, body: object) =>
      fetch(`${url}/api/projects/${P}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-koda-csrf': '1', cookie },
        body: JSON.stringify(body),
      });
    const caseId = ((await (await post('cases', { name: 'Kristin' })).json()) as { id: string }).id;
    await post('undo', {});
    const told: unknown[] = [];
    let buffer = '';
    while (told.length < 2) {
      buffer += new TextDecoder().decode((await tab.read()).value);
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() as string;
      for (const block of blocks)
        if (block.startsWith('event: change')) told.push(JSON.parse(block.split('data: ')[1] as string));
    }
    await tab.cancel();
    expect(told).toEqual([
      expect.objectContaining({ action: 'case.add', stale: ['cases', 'attributes'] }),
      {
        projectId: expect.any(String),
        action: 'history.undo',
        stale: ['cases', 'attributes'],
        objectIds: expect.arrayContaining([caseId]),
      },
    ]);
  });
});
