import type { FastifyInstance } from 'fastify';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportQuotes } from '../../src/commands/exportQuotes.js';
import { exportTranscript } from '../../src/commands/exportTranscript.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { parseCsv } from '../../src/formats/csvTable.js';
import { buildServer } from '../../src/server/app.js';
import { inject, signedIn, tempContext } from '../helpers.js';
import { buildStudy } from '../queries/fixture.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext('anna');
  await buildStudy(env.ctx);
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const project = 'Studie';

describe('HTTP: quotes and coded transcripts', () => {
  it('lets a viewer download a code’s quotes, filtered; the download is audited under their name', async () => {
    const { cookie } = await signedIn(app, env.store, 'vera', 'viewer');
    const filter = encodeURIComponent(JSON.stringify({ cases: ['Kristin'] }));
    const res = await inject(app, {
      method: 'GET',
      url: `/api/projects/${project}/quotes/export?code=media&format=csv&filter=${filter}`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''studie-citat-media.csv");
    expect(res.headers['x-koda-quotes']).toBe('1');
    expect(parseCsv(res.body).rows[1]?.[5]).toBe('Media stämplar områden.');
    const [event] = await listAudit(env.ctx, { project, action: 'quotes.export' });
    expect(event).toMatchObject({ actor: 'vera', details: { format: 'csv', quotes: 1 } });
  });

  it('downloads a matrix cell’s quotes as docx', async () => {
    const { cookie } = await signedIn(app, env.store, 'vera', 'viewer');
    const res = await inject(app, {
      method: 'GET',
      url: `/api/projects/${project}/quotes/export?rows=categories&columns=cases&row=Hinder&column=Albin`,
      headers: { cookie },
    });
    expect(res.statusCode).toBe(200);
    const { value } = await mammoth.extractRawText({ buffer: res.rawPayload });
    expect(value).toContain('Media 😀 ger en farlig bild.');
    expect(value).toContain('farlig bild. Tiden räcker inte.');
    expect(value).not.toContain('Samverkan med skolan.');
  });

  it('downloads a source’s coded transcript as HTML or docx; refuses a bad filter in one line', async () => {
    const { cookie } = await signedIn(app, env.store, 'vera', 'viewer');
    const html = await inject(app, {
      method: 'GET',
      url: `/api/projects/${project}/sources/albin/transcript`,
      headers: { cookie },
    });
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toContain('attachment;');
    expect(html.body).toContain('Albin: ');
    expect(html.body).toContain('tidsbrist');
    const docx = await inject(app, {
      method: 'GET',
      url: `/api/projects/${project}/sources/albin/transcript?format=docx`,
      headers: { cookie },
    });
    expect((await mammoth.extractRawText({ buffer: docx.rawPayload })).value).toContain('Tiden räcker inte.');
    const bad = await inject(app, {
      method: 'GET',
      url: `/api/projects/${project}/quotes/export?code=media&filter=%7B`,
      headers: { cookie },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('input.invalid');
  });

  it('streams csv and HTML as the same bytes the command writes; sends a zip format whole', async () => {
    const { cookie } = await signedIn(app, env.store, 'vera', 'viewer');
    const get = (url: string) => inject(app, { method: 'GET', url: `/api/projects/${project}${url}`, headers: { cookie } });
    const csv = await get('/quotes/export?code=Hinder&format=csv');
    const html = await get('/sources/albin/transcript?format=html');
    const xlsx = await get('/quotes/export?code=Hinder&format=xlsx');
    expect(csv.headers['content-length']).toBeUndefined();
    expect(html.headers['content-length']).toBeUndefined();
    expect(Number(xlsx.headers['content-length'])).toBe(xlsx.rawPayload.length);
    const ctx = { ...env.ctx, actor: 'vera' };
    const fromCommand = {
      csv: (await exportQuotes(ctx, { project, code: 'Hinder', format: 'csv' })).bytes,
      html: (await exportTranscript(ctx, { project, source: 'albin', format: 'html' })).bytes,
    };
    expect(new Uint8Array(csv.rawPayload)).toEqual(fromCommand.csv);
    expect(new Uint8Array(html.rawPayload)).toEqual(fromCommand.html);
    expect(parseCsv(csv.body).rows.filter((r) => r.length > 1)).toHaveLength(7);
  });

  it('answers someone who is no member of the project as if it did not exist', async () => {
    await signedIn(app, env.store, 'vera', 'viewer');
    const { cookie } = await signedIn(app, env.store, 'stranger');
    for (const url of [
      `/api/projects/${project}/quotes/export?code=media`,
      `/api/projects/${project}/sources/albin/transcript`,
    ]) {
      const res = await inject(app, { method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('project.not-found');
    }
    expect(await listAudit(env.ctx, { project, action: 'transcript.export' })).toEqual([]);
  });
});
