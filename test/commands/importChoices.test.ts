import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { listCases } from '../../src/commands/listCases.js';
import { listSources } from '../../src/commands/listSources.js';
import { buildServer } from '../../src/server/app.js';
import { inject, rowCounts, tempContext, utf8 } from '../helpers.js';
import { expectRefused } from './fixtures.js';

const TEXT = 'I: Hur började det?\n\nAlbin: Med ett områdesteam.\n';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
});
afterEach(() => env.cleanup());

const load = (fileName: string, extra: Parameters<typeof importSource>[1] extends infer I ? Partial<I> : never = {}) =>
  importSource(env.ctx, { project: 'Omega', fileName, bytes: utf8(TEXT), ...extra });

describe('importing text the project already has', () => {
  it('asks first: refused with the twin named, storing nothing; copy then stores it, skip does not', async () => {
    await load('albin.txt');
    const err = await expectRefused(env.store, () => load('albin igen.txt', { ifDuplicate: 'ask' }), 'import.duplicate-found');
    expect(err.params).toEqual({ file: 'albin igen.txt', source: 'albin' });
    expect(err.kind).toBe('conflict');

    const skipped = await load('albin igen.txt', { ifDuplicate: 'skip' });
    expect(skipped).toMatchObject({ name: 'albin', skipped: true });
    expect((await listSources(env.ctx, { project: 'Omega' })).map((s) => s.name)).toEqual(['albin']);

    const copy = await load('albin igen.txt', { ifDuplicate: 'copy' });
    expect(copy.warnings).toEqual([{ code: 'import.duplicate', params: { file: 'albin igen.txt', source: 'albin' } }]);
    expect((await listSources(env.ctx, { project: 'Omega' })).map((s) => s.name).sort()).toEqual(['albin', 'albin igen']);
  });

  it('a new text is stored whatever was chosen', async () => {
    await load('albin.txt', { ifDuplicate: 'ask' });
    expect((await listSources(env.ctx, { project: 'Omega' })).map((s) => s.name)).toEqual(['albin']);
  });
});

describe('creating a case with the import', () => {
  it('creates the case and links the source in one step, undone as one', async () => {
    const result = await load('albin.txt', { newCase: 'Albin' });
    const { cases } = await listCases(env.ctx, { project: 'Omega' });
    expect(cases.map((c) => [c.name, c.sources])).toEqual([['Albin', 1]]);
    expect((await listSources(env.ctx, { project: 'Omega' })).find((s) => s.id === result.id)?.case?.name).toBe('Albin');
  });

  it('refuses a taken case name, or a case and a new case at once, storing nothing', async () => {
    await addCase(env.ctx, { project: 'Omega', name: 'Albin' });
    await expectRefused(env.store, () => load('albin.txt', { newCase: 'Albin' }), 'case.exists');
    await expectRefused(env.store, () => load('albin.txt', { case: 'Albin', newCase: 'Kerstin' }), 'import.case-and-new-case');
  });

  it('stores no case when the file cannot be read', async () => {
    await expectRefused(
      env.store,
      () => importSource(env.ctx, { project: 'Omega', fileName: 'x.txt', bytes: new Uint8Array([0xe4, 0xe4]), newCase: 'Ny' }),
      'import.encoding',
    );
  });
});

describe('the upload route', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildServer(env.ctx, { language: 'en' });
  });
  afterEach(() => app.close());
  const upload = (query: string, lang = 'en') =>
    inject(app, {
      method: 'POST',
      url: `/api/projects/Omega/sources?${query}`,
      headers: { 'content-type': 'application/octet-stream', 'x-koda-lang': lang },
      payload: Buffer.from(TEXT),
    });

  it('asks by default: 409 with the twin in plain words, in either language; copy stores it', async () => {
    expect((await upload('fileName=a.txt&newCase=Albin')).statusCode).toBe(201);
    const before = await rowCounts(env.store);
    const asked = await upload('fileName=b.txt');
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error).toEqual({
      code: 'import.duplicate-found',
      message: 'b.txt: the same text is already in the project as "a"; nothing was stored.',
    });
    const sv = await upload('fileName=b.txt', 'sv');
    expect(sv.json().error.message).toBe('b.txt: samma text finns redan i projektet som "a"; inget sparades.');
    expect(await rowCounts(env.store)).toEqual(before);
    const copy = await upload('fileName=b.txt&ifDuplicate=copy');
    expect(copy.statusCode).toBe(201);
    expect(copy.json()).toMatchObject({ name: 'b', warnings: [{ code: 'import.duplicate' }] });
  });
});
