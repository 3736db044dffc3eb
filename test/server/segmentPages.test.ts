import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import type { SegmentPage } from '../../src/core/segmentPage.js';
import { unpackSegments } from '../../src/core/segmentPage.js';
import { buildServer } from '../../src/server/app.js';
import { inject, signedIn, tempContext, utf8 } from '../helpers.js';

/** GET /segments?code=…&limit=…&after=… (issue 17): the lean pages of retrieval over HTTP. */
let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
const SEGMENTS = 40;

beforeEach(async () => {
  env = await tempContext('anna');
  const project = (await createProject(env.ctx, { name: 'Studie', language: 'sv' })).id;
  const words = Array.from({ length: SEGMENTS }, (_, i) => `ord${i} är ett exempel på något som sägs`);
  const text = `${words.join('. ')}.\n`;
  const source = await importSource(env.ctx, { project, fileName: 'intervju.txt', bytes: utf8(text) });
  await addCode(env.ctx, { project, name: 'hinder' });
  for (const w of words) {
    const start = text.indexOf(w);
    await applyCoding(env.ctx, { project, source: source.id, code: 'hinder', start, end: start + w.length });
  }
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const url = (query: string) => `/api/projects/Studie/segments?${query}`;

describe('HTTP: retrieval in pages', () => {
  it('pages a code with limit and after: every segment once, in the order of the whole list', async () => {
    const { cookie } = await signedIn(app, env.store, 'vera', 'viewer');
    const pages: SegmentPage[] = [];
    let after = '';
    do {
      const res = await inject(app, { method: 'GET', url: url(`code=hinder&limit=7${after}`), headers: { cookie } });
      expect(res.statusCode).toBe(200);
      const page = res.json() as SegmentPage;
      pages.push(page);
      after = page.next ? `&after=${encodeURIComponent(page.next)}` : '';
    } while (after);
    expect(pages.map((p) => p.segments.length)).toEqual([7, 7, 7, 7, 7, 5]);
    expect(pages[0]?.total).toBe(SEGMENTS);
    const whole = await retrieveSegments(env.ctx, { project: 'Studie', code: 'hinder' });
    expect(pages.flatMap((p) => unpackSegments(p))).toEqual(whole.map(({ createdAt, ...s }) => s));
  });

  it('answers lean: tables once, a segment carries ids by index, its offsets and its quote', async () => {
    const res = await inject(app, { method: 'GET', url: url('code=hinder&limit=1000') });
    const page = res.json() as SegmentPage;
    expect(page.sources).toHaveLength(1);
    expect(page.codes).toHaveLength(1);
    expect(page.coders).toEqual(['anna']);
    expect(page.segments[0]).toEqual({
      id: expect.any(String),
      source: 0,
      code: 0,
      coder: 0,
      start: 0,
      end: 'ord0 är ett exempel på något som sägs'.length,
      text: 'ord0 är ett exempel på något som sägs',
    });
    // Beyond its quote, a segment costs its id (36) and a few small fields: under 120 bytes.
    const quotes = page.segments.reduce((n, s) => n + Buffer.byteLength(JSON.stringify(s.text)), 0);
    expect(res.rawPayload.length - quotes).toBeLessThan(SEGMENTS * 120 + 400);
    // The whole list without limit is the same answer, streamed.
    const all = await inject(app, { method: 'GET', url: url('code=hinder') });
    expect(all.json()).toEqual(page);
  });

  it('sends the page compressed to a client that accepts it', async () => {
    const res = await inject(app, { method: 'GET', url: url('code=hinder&limit=1000'), headers: { 'accept-encoding': 'gzip' } });
    const plain = await inject(app, { method: 'GET', url: url('code=hinder&limit=1000') });
    if (res.headers['content-encoding'] === 'gzip') {
      expect(JSON.parse(gunzipSync(res.rawPayload).toString('utf8'))).toEqual(plain.json());
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    } else expect(res.json()).toEqual(plain.json());
  });

  it('refuses a bad limit or page marker with one clear error, in the asker’s language', async () => {
    for (const bad of ['limit=0', 'limit=1001', 'limit=many']) {
      const res = await inject(app, { method: 'GET', url: url(`code=hinder&${bad}`) });
      expect(res.statusCode, bad).toBe(400);
    }
    const res = await inject(app, {
      method: 'GET',
      url: url('code=hinder&limit=5&after=nonsense'),
      headers: { 'x-koda-lang': 'sv' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('retrieval.after');
    expect(res.json().error.message).toContain('första sidan');
    expect(res.json().error.message).not.toContain('\n');
    // The whole list is streamed: a bad marker is still refused before its first byte.
    const nowhere = Buffer.from(JSON.stringify(['no-such-source', 3])).toString('base64url');
    const streamed = await inject(app, { method: 'GET', url: url(`code=hinder&after=${nowhere}`) });
    expect(streamed.statusCode).toBe(400);
    expect(streamed.json().error.code).toBe('retrieval.after');
  });
});
