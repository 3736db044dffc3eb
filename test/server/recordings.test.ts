import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { speech } from '../audio.js';
import { inject, rowCounts, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let audioDir: string;
/** 3 s of CD-quality wav: 529 kB, three chunks. */
let wav: Buffer;

beforeAll(() => {
  audioDir = mkdtempSync(join(tmpdir(), 'koda-audio-'));
  wav = speech(audioDir, 3, 'wav').bytes;
});
afterAll(() => rmSync(audioDir, { recursive: true, force: true }));

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  await importSource(env.ctx, { project: 'Omega', fileName: 'ip1.md', bytes: utf8('I: Hej\n\nIP: Hej') });
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const RECORDING = '/api/projects/Omega/sources/ip1/recording';
const upload = (url: string, body: Buffer, contentType = 'application/octet-stream') =>
  inject(app, { method: 'POST', url, payload: body, headers: { 'content-type': contentType } });
/** The rows of the study, not of who signed in (each server here signs its person in). */
const studyRows = async () => {
  const { accounts: _a, sessions: _s, ...rest } = await rowCounts(env.store);
  return rest;
};
/** Asked as a browser asks, accepting compressed answers: a recording and its ranges still come as they are. */
const get = (range?: string) =>
  inject(app, { method: 'GET', url: RECORDING, headers: { 'accept-encoding': 'br, gzip', ...(range ? { range } : {}) } });

describe('recordings over HTTP', () => {
  it('takes an upload as its raw body and serves it whole and by ranges', async () => {
    const attached = await upload(`${RECORDING}?fileName=ip1.wav`, wav, 'audio/wav');
    expect(attached.statusCode).toBe(201);
    expect(attached.json()).toMatchObject({ mediaType: 'audio/wav', sizeBytes: wav.byteLength });
    const source = await inject(app, { method: 'GET', url: '/api/projects/Omega/sources/ip1' });
    expect(source.json().recording).toMatchObject({ fileName: 'ip1.wav', sizeBytes: wav.byteLength });

    const whole = await get();
    expect(whole.statusCode).toBe(200);
    expect(whole.headers).toMatchObject({ 'content-type': 'audio/wav', 'accept-ranges': 'bytes' });
    expect(whole.rawPayload.equals(wav)).toBe(true);

    const part = await get('bytes=262140-262150');
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 262140-262150/${wav.byteLength}`);
    expect(part.headers['content-length']).toBe('11');
    expect(part.rawPayload.equals(wav.subarray(262140, 262151))).toBe(true);

    const outside = await get(`bytes=${wav.byteLength + 10}-`);
    expect(outside.statusCode).toBe(416);
    expect(outside.headers['content-range']).toBe(`bytes */${wav.byteLength}`);
  });

  it('imports a recording alone as a new source, and removes a recording', async () => {
    const res = await upload('/api/projects/Omega/recordings?fileName=intervju.wav', wav);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'intervju', kind: 'recording' });
    const removed = await inject(app, { method: 'DELETE', url: '/api/projects/Omega/sources/intervju/recording' });
    expect(removed.statusCode).toBe(200);
    const gone = await inject(app, { method: 'GET', url: '/api/projects/Omega/sources/intervju/recording' });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('recording.none');
  });

  it('refuses a file that is no recording with one line, and one over the limit with 413, changing nothing', async () => {
    const before = await studyRows();
    const text = await upload(`${RECORDING}?fileName=ip1.txt`, Buffer.from('I: Hej\n'.repeat(50)));
    expect(text.statusCode).toBe(400);
    expect(text.json().error).toEqual({
      code: 'recording.unsupported',
      message: 'ip1.txt: not a recording Koda can keep; give a wav, mp3, ogg/opus, m4a, webm or mp4 file.',
    });
    await app.close();
    app = await buildServer({ ...env.ctx, recordingLimitBytes: 100_000 }, { language: 'en' });
    const large = await upload(`${RECORDING}?fileName=ip1.wav`, wav);
    expect(large.statusCode).toBe(413);
    expect(large.json().error.code).toBe('recording.too-large');
    expect(await studyRows()).toEqual(before);
  });
});
