import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { unpackCoding } from '../../src/core/sourceCoding.js';
import type { DocSegment } from '../../src/server/apiTypes.js';
import { buildServer } from '../../src/server/app.js';
import { TextOffsets } from '../../web/src/text/offsets.js';
import { inject, tempContext, utf8 } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'P' });
  await importSource(env.ctx, { project: 'P', fileName: 'a.txt', bytes: utf8('Albin: Hej 😀 där, hur mår du?') });
  await addCode(env.ctx, { project: 'P', name: 'hälsning' });
  await applyCoding(env.ctx, { project: 'P', source: 'a', code: 'hälsning', start: 7, end: 16, memo: 'glad' });
  app = await buildServer(env.ctx, { language: 'en' });
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

describe('the document view API', () => {
  it("lists a source's segments packed; unpacked, each has offsets, code id, coder and memo, and its words sliced from the text", async () => {
    const res = await inject(app, { method: 'GET', url: '/api/projects/P/sources/a/segments' });
    expect(res.statusCode).toBe(200);
    const [segment, ...rest] = unpackCoding(res.json());
    expect(rest).toEqual([]);
    expect(Object.keys(segment ?? {}).sort()).toEqual(['code', 'coder', 'end', 'id', 'memo', 'start']);
    expect(segment).toMatchObject({ start: 7, end: 16, coder: 'tester', memo: 'glad' });
    // The browser cuts the words from the canonical text it has: offsets are code points.
    const source = (await inject(app, { method: 'GET', url: '/api/projects/P/sources/a' })).json();
    const range = new TextOffsets(source.text).rangeToUtf16(segment as DocSegment);
    expect(source.text.slice(range.start, range.end)).toBe('Hej 😀 där');
    const missing = await inject(app, { method: 'GET', url: '/api/projects/P/sources/nope/segments' });
    expect(missing.statusCode).toBe(404);
  });
});
