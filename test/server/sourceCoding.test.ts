import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedLargeDocument } from '../../bench/browser.js';
import { addCode } from '../../src/commands/addCode.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { setSegmentMemo } from '../../src/commands/setSegmentMemo.js';
import { type PackedCoding, unpackCoding } from '../../src/core/sourceCoding.js';
import { buildServer } from '../../src/server/app.js';
import { type TwoCoderStudy, twoCoderStudy } from '../commands/agreementFixture.js';
import { inject, signedIn, tempContext } from '../helpers.js';

/**
 * The document view's answer (GET …/sources/:s/segments, issue 17): packed in columns, every
 * segment as retrieval knows it, blind mode as retrieval applies it, and small, compressed when
 * asked for.
 */

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let s: TwoCoderStudy;

beforeEach(async () => {
  env = await tempContext('lead');
  s = await twoCoderStudy(env.ctx);
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const codingOf = async (source: string, headers: Record<string, string> = {}) => {
  const res = await inject(app, { method: 'GET', url: `/api/projects/${s.name}/sources/${source}/segments`, headers });
  expect(res.statusCode).toBe(200);
  return res.json() as PackedCoding;
};

describe('GET …/sources/:s/segments', () => {
  it('gives columns with each code and coder once, and every segment round-trips as retrieval has it', async () => {
    await setSegmentMemo({ ...env.ctx, actor: 'bo' }, { project: s.p, segment: s.segments.boPlan.id, memo: 'stämmer' });
    const packed = await codingOf(s.source);
    expect(Object.keys(packed).sort()).toEqual(['code', 'coder', 'coders', 'codes', 'ends', 'ids', 'memos', 'starts']);
    expect([...packed.coders].sort()).toEqual(['anna', 'bo']);
    expect(packed.codes).toHaveLength(2);
    expect(packed.memos).toEqual({ [s.segments.boPlan.id]: 'stämmer' });

    const retrieved = await retrieveSegments(env.ctx, { project: s.p, source: s.source });
    const asRetrieved = retrieved.map((r) => ({
      id: r.id,
      start: r.start,
      end: r.end,
      code: r.code.id,
      coder: r.coder,
      memo: r.memo,
    }));
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(unpackCoding(packed).sort(byId)).toEqual(asRetrieved.sort(byId));
    // In reading order.
    expect(packed.starts).toEqual([...packed.starts].sort((a, b) => a - b));
  });

  it('shows a coder only their own layer while the project is blind, and the owner all', async () => {
    const lead = await signedIn(app, env.store, 'lead', 'owner');
    const anna = await signedIn(app, env.store, 'anna', 'coder');
    const blind = await inject(app, {
      method: 'PUT',
      url: `/api/projects/${s.name}/blind`,
      headers: lead,
      payload: { blind: true },
    });
    expect(blind.statusCode).toBe(200);

    const seen = await codingOf(s.source, anna);
    expect(seen.coders).toEqual(['anna']);
    expect([...seen.ids].sort()).toEqual([s.segments.annaMedia.id, s.segments.annaPlan.id].sort());
    const res = await inject(app, { method: 'GET', url: `/api/projects/${s.name}/sources/${s.source}/segments`, headers: anna });
    expect(res.body).not.toMatch(/"bo"|lead/);
    expect((await codingOf(s.source, lead)).ids).toHaveLength(4);

    // A coder who has coded nothing sees nothing.
    const cecilia = await signedIn(app, env.store, 'cecilia', 'coder');
    expect((await codingOf(s.source, cecilia)).ids).toEqual([]);
  });

  it('answers an unknown source with 404 and one line', async () => {
    const res = await inject(app, { method: 'GET', url: `/api/projects/${s.name}/sources/nope/segments` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).not.toContain('\n');
  });

  it('keeps 2,000 segments small: under 64 bytes each as JSON and 30 compressed, decoding to the same data', async () => {
    // Per segment: an id (36 characters and 3 of quotes and comma), two offsets of up to 7 digits
    // and a comma each, two small indexes: about 60 bytes. Compressed, the ids' random part (74
    // bits of UUID v7) and the offsets' steps remain, under 30 bytes: 10,000 segments stay under
    // the 400 KB the issue sets (300 KB).
    const N = 2_000;
    const doc = await seedLargeDocument(env.ctx, 'Stor', { chars: 200_000, segments: N });
    const url = `/api/projects/Stor/sources/${doc.sourceId}/segments`;
    const plain = await inject(app, { method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    const packed = plain.json() as PackedCoding;
    expect(packed.ids).toHaveLength(N);
    // Across the pages it was read in (a thousand segments each): every segment once, in reading order.
    const stored = await env.store.db
      .selectFrom('segments')
      .select(['id', 'start_offset', 'end_offset'])
      .where('source_id', '=', doc.sourceId)
      .orderBy('start_offset')
      .orderBy('id')
      .execute();
    expect(stored).toHaveLength(N);
    expect(unpackCoding(packed).map((c) => ({ id: c.id, start_offset: c.start, end_offset: c.end }))).toEqual(stored);
    expect(plain.rawPayload.byteLength).toBeLessThan(64 * N);

    for (const [encoding, decode] of [
      ['gzip', gunzipSync],
      ['br', brotliDecompressSync],
    ] as const) {
      const res = await inject(app, { method: 'GET', url, headers: { 'accept-encoding': encoding } });
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.rawPayload.byteLength).toBeLessThan(30 * N);
      expect(JSON.parse(decode(res.rawPayload).toString('utf8'))).toEqual(packed);
    }
  });
});

describe('compression of the other answers', () => {
  it('compresses a large JSON answer when asked, and leaves a small one alone', async () => {
    const small = `/api/projects/${s.name}/coders`;
    const plain = await inject(app, { method: 'GET', url: small });
    expect(plain.rawPayload.byteLength).toBeLessThan(1024);
    const asked = await inject(app, { method: 'GET', url: small, headers: { 'accept-encoding': 'gzip' } });
    expect(asked.headers['content-encoding']).toBeUndefined();
    expect(asked.json()).toEqual(plain.json());

    for (let i = 0; i < 20; i++) await addCode(env.ctx, { project: s.p, name: `kod ${i}`, parent: 'Hinder' });
    const large = `/api/projects/${s.name}/codebook`;
    const whole = await inject(app, { method: 'GET', url: large });
    expect(whole.statusCode).toBe(200);
    expect(whole.rawPayload.byteLength).toBeGreaterThan(1024);
    const zipped = await inject(app, { method: 'GET', url: large, headers: { 'accept-encoding': 'br, gzip' } });
    expect(zipped.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(zipped.rawPayload).toString('utf8'))).toEqual(whole.json());
    const without = await inject(app, { method: 'GET', url: large, headers: { 'accept-encoding': 'identity' } });
    expect(without.headers['content-encoding']).toBeUndefined();
  });
});
