import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { packageRoot } from '../../src/store/paths.js';
import { tempContext } from '../helpers.js';

/**
 * The workbench's scripts go out as the build compressed them (web/precompress.ts), not
 * compressed again on each visit (issue 17: that was a third of the document view's first paint).
 * The global setup has built web/dist.
 */
const webRoot = join(packageRoot(), 'web', 'dist');
const script = readdirSync(join(webRoot, 'assets')).find((f) => /^index-.*\.js$/.test(f)) as string;

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeAll(async () => {
  env = await tempContext('lead');
  app = await buildServer(env.ctx, { language: 'en', webRoot });
});
afterAll(async () => {
  await app.close();
  await env.cleanup();
});

const fetchScript = (encoding?: string) =>
  app.inject({ method: 'GET', url: `/assets/${script}`, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('the built workbench', () => {
  const raw = () => readFileSync(join(webRoot, 'assets', script));

  it('has each script beside its brotli and gzip forms, which decode to it', () => {
    expect(brotliDecompressSync(readFileSync(join(webRoot, 'assets', `${script}.br`)))).toEqual(raw());
    expect(gunzipSync(readFileSync(join(webRoot, 'assets', `${script}.gz`)))).toEqual(raw());
  });

  it('is sent in the form the build wrote, byte for byte, as the browser accepts it', async () => {
    const br = await fetchScript('br, gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload).toEqual(readFileSync(join(webRoot, 'assets', `${script}.br`)));
    const gz = await fetchScript('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload)).toEqual(raw());
    const plain = await fetchScript();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload).toEqual(raw());
  });
});
