import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deflatedSpaces, zipWithLyingEntry } from '../../reliability/lyingZip.js';
import { createProject } from '../../src/commands/createProject.js';
import { UPLOAD_LIMIT } from '../../src/commands/helpers/uploadLimit.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { koda } from '../cli/run.js';
import { expectRefused } from '../commands/fixtures.js';
import { inject, localSession, rowCounts, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  app = await buildServer(env.ctx, { language: 'en' });
  await localSession(app); // signed in before any test counts rows
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const overLimit = () => Buffer.alloc(UPLOAD_LIMIT + 1, 0x61);

describe('the upload limit', () => {
  it('refuses a larger body with 413 and a clear message in either language, storing nothing', async () => {
    const before = await rowCounts(env.store);
    for (const [url, lang, message] of [
      [
        '/api/projects/Omega/sources?fileName=lång.txt',
        'en',
        'lång.txt: the file is larger than 20 MB, the most Koda imports at once',
      ],
      ['/api/import?fileName=lång.qdpx', 'sv', 'lång.qdpx: filen är större än 20 MB, det mesta Koda importerar på en gång'],
    ] as const) {
      const res = await inject(app, {
        method: 'POST',
        url: encodeURI(url),
        headers: { 'content-type': 'application/octet-stream', 'x-koda-lang': lang },
        payload: overLimit(),
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('upload.too-large');
      expect(res.json().error.message).toContain(message);
    }
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('is the same in the command, whoever calls it', async () => {
    await expectRefused(
      env.store,
      () => importSource(env.ctx, { project: 'Omega', fileName: 'lång.txt', bytes: overLimit() }),
      'upload.too-large',
    );
  });

  it('is the same in the CLI, which refuses the file before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'koda-limit-'));
    try {
      const file = join(dir, 'lång.txt');
      writeFileSync(file, '');
      truncateSync(file, UPLOAD_LIMIT + 1); // sparse: no disk or memory spent
      await koda(join(dir, 'data'), ['project', 'create', 'Omega']);
      const out = await koda(join(dir, 'data'), ['source', 'import', '--project', 'Omega', file]);
      expect(out.code).not.toBe(0);
      expect(out.stderr.trim().split('\n')).toEqual([expect.stringContaining('lång.txt: the file is larger than 20 MB')]);
      expect((await koda(join(dir, 'data'), ['--json', 'source', 'list', '--project', 'Omega'])).json()).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stores nothing of a docx whose entry lies about its size', async () => {
    const docx = zipWithLyingEntry({ '_rels/.rels': '<Relationships/>' }, 'word/document.xml', deflatedSpaces(16), 2000);
    await expectRefused(
      env.store,
      () => importSource(env.ctx, { project: 'Omega', fileName: 'lögn.docx', bytes: docx }),
      'zip.entry-larger-than-declared',
    );
  });
});
