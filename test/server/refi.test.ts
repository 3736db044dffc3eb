import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { refiStudy } from '../commands/refiFixtures.js';
import { sample, text, unzip, xsdErrors, zip } from '../formats/refi/support.js';
import { inject, localSession, rowCounts, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext('anna');
  await refiStudy(env.ctx);
  app = await buildServer(env.ctx, { language: 'en' });
  await localSession(app); // signed in before any test counts rows
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('HTTP: REFI-QDA export and import', () => {
  it('exports a project as a .qdpx download, with what it does not carry in a header', async () => {
    const res = await inject(app, { method: 'GET', url: '/api/projects/Omega/export?format=qdpx' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="Omega.qdpx"; filename*=UTF-8''Omega.qdpx`);
    expect(JSON.parse(decodeURIComponent(String(res.headers['x-koda-summary']))).map((i: { kind: string }) => i.kind)).toEqual([
      'export-originals-koda-only',
      'export-turns',
      'export-turn-links',
    ]);
    const files = unzip(new Uint8Array(res.rawPayload));
    expect(await xsdErrors(text(files['project.qde']), 'Project.xsd')).toEqual([]);
    const qdc = await inject(app, { method: 'GET', url: '/api/projects/Omega/export?format=qdc' });
    expect(qdc.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(await xsdErrors(qdc.body, 'Codebook.xsd')).toEqual([]);
  });

  it('imports an uploaded file (the raw body) as a new project and answers with the summary', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/api/import?fileName=atlas.qdpx',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from(sample('atlasti-23.2-codes-only.qdpx')),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      project: { name: 'target-atlas-project', created: true },
      counts: { codes: 3 },
      summary: [{ kind: 'codes-without-colour', count: 3 }],
    });
  });

  it("words the import's summary in the asker's language, as the CLI does", async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/api/import?fileName=atlas.qdpx',
      headers: { 'content-type': 'application/octet-stream', 'x-koda-lang': 'sv' },
      payload: Buffer.from(sample('atlasti-23.2-codes-only.qdpx')),
    });
    expect(res.json().summary).toEqual([
      {
        kind: 'codes-without-colour',
        count: 3,
        examples: expect.any(Array),
        message: '3 koder utan färg; fick förälderns eller en ny färg',
      },
    ]);
  });

  it('refuses a hostile upload with { error: { code, message } }, writing nothing', async () => {
    const before = await rowCounts(env.store);
    const res = await inject(app, {
      method: 'POST',
      url: '/api/import?fileName=evil.qdpx',
      headers: { 'content-type': 'application/octet-stream', 'x-koda-lang': 'sv' },
      payload: Buffer.from(zip({ 'project.qde': '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Project name="&e;"/>' })),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: {
        code: 'refi.xml-doctype',
        message:
          'evil.qdpx: project.qde: XML-filen deklarerar en DOCTYPE eller entiteter, vilket REFI-QDA aldrig behöver; avvisad av säkerhetsskäl.',
      },
    });
    expect(await rowCounts(env.store)).toEqual(before);
  });
});
