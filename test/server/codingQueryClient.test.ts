import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { addSet } from '../../src/commands/addSet.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkSourceToCase } from '../../src/commands/linkSourceToCase.js';
import { runCodingQuery } from '../../src/commands/runCodingQuery.js';
import { setCaseAttributes } from '../../src/commands/setCaseAttributes.js';
import { buildServer } from '../../src/server/app.js';
import { ApiError, setIdentity } from '../../web/src/api.js';
import { add, EMPTY_BUILDER, type Token, writeExpression } from '../../web/src/codingQuery/expression.js';
import { codingQueryApi } from '../../web/src/codingQueryApi.js';
import { queriesApi } from '../../web/src/queriesApi.js';
import { inject, tempContext, utf8 } from '../helpers.js';

/**
 * The web UI's coding query client (web/src/codingQueryApi.ts) against the real server: its
 * requests, as the browser sends them, answered by the routes and commands. The browser test
 * (test/e2e/codingQuery.test.ts) drives the page; this one holds the client to the API's shapes
 * on both engines, where no browser is at hand.
 */
let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;

const ALBIN = 'I: Hur påverkar media arbetet?\n\nAlbin: Media stämplar området. Det är ett hinder för oss.';
const KRISTIN = 'I: Vilka hinder finns?\n\nKristin: Tidsbrist är ett hinder. Media skriver sällan om det.';

/** Code `code` on the first `quote` in `text` of `source`. */
async function code(source: string, text: string, quote: string, name: string) {
  const start = text.indexOf(quote);
  await applyCoding(env.ctx, { project: 'Omega', source, code: name, start, end: start + quote.length });
}

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  await importSource(env.ctx, { project: 'Omega', fileName: 'albin.txt', bytes: utf8(ALBIN) });
  await importSource(env.ctx, { project: 'Omega', fileName: 'kristin.txt', bytes: utf8(KRISTIN) });
  await addCode(env.ctx, { project: 'Omega', name: 'media' });
  await addCode(env.ctx, { project: 'Omega', name: 'hinder' });
  await addCode(env.ctx, { project: 'Omega', name: 'brist på tid' });
  await defineAttribute(env.ctx, { project: 'Omega', name: 'stadsdel', type: 'text' });
  for (const [name, source, district] of [
    ['Albin', 'albin', 'Y'],
    ['Kristin', 'kristin', 'Z'],
  ] as const) {
    await addCase(env.ctx, { project: 'Omega', name });
    await linkSourceToCase(env.ctx, { project: 'Omega', source, case: name });
    await setCaseAttributes(env.ctx, { project: 'Omega', case: name, attributes: { stadsdel: district } });
  }
  await code('albin', ALBIN, 'Media stämplar området. Det är ett hinder för oss.', 'media');
  await code('albin', ALBIN, 'Det är ett hinder för oss.', 'hinder');
  await code('kristin', KRISTIN, 'Tidsbrist är ett hinder.', 'hinder');
  await code('kristin', KRISTIN, 'Tidsbrist', 'brist på tid');
  await code('kristin', KRISTIN, 'Media skriver sällan om det.', 'media');
  app = await buildServer(env.ctx, { language: 'en' });
  setIdentity({ coder: '', lang: 'en' });
  // The browser's fetch, answered by the server in-process (with the local person's session).
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const res = await inject(app, {
      method: (init.method ?? 'GET') as 'GET',
      url,
      headers: init.headers as Record<string, string>,
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode });
  });
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await app.close();
  await env.cleanup();
});

/** What the builder writes for codes and operators clicked in this order. */
const clicked = (...steps: Token[]) => writeExpression(steps.reduce((b, s) => add(b, s), EMPTY_BUILDER).tokens);

describe('the coding query client against the server', () => {
  it('runs what the builder writes, with a filter, a page at a time', async () => {
    const expression = clicked({ kind: 'code', name: 'hinder' }, { kind: 'op', op: 'WITHIN' }, { kind: 'code', name: 'media' });
    expect(expression).toBe('hinder WITHIN media');
    const all = await codingQueryApi.run('Omega', expression, {}, { limit: 50, offset: 0 });
    expect(all.total).toBe(1);
    expect(all.hits[0]).toMatchObject({ sourceName: 'albin', caseName: 'Albin', text: 'Det är ett hinder för oss.' });
    expect(all.hits[0]?.codes).toContain('hinder');

    // An empty filter is sent as none; an attribute narrows to the cases holding it.
    const hinder = await codingQueryApi.run('Omega', 'hinder', { sources: [], cases: [] }, { limit: 50, offset: 0 });
    expect(hinder.total).toBe(2);
    const inZ = await codingQueryApi.run(
      'Omega',
      'hinder',
      { attributes: [{ attribute: 'stadsdel', value: 'Z' }], speaker: 'participant' },
      { limit: 50, offset: 0 },
    );
    expect(inZ.hits.map((h) => h.caseName)).toEqual(['Kristin']);

    // Pages: the same hits as the command's, one at a time.
    const expected = await runCodingQuery(env.ctx, { project: 'Omega', expression: 'hinder OR media' });
    const first = await codingQueryApi.run('Omega', 'hinder OR media', {}, { limit: 1, offset: 0 });
    const second = await codingQueryApi.run('Omega', 'hinder OR media', {}, { limit: 1, offset: 1 });
    expect(first.total).toBe(expected.total);
    expect([first.hits[0], second.hits[0]]).toEqual(expected.hits.slice(0, 2));
  });

  it('lists the sets the filter offers, and a case set narrows the query', async () => {
    await addSet(env.ctx, {
      project: 'Omega',
      kind: 'case',
      name: 'Stadsdel Y',
      fromAttribute: { attribute: 'stadsdel', value: 'Y' },
    });
    await addSet(env.ctx, { project: 'Omega', kind: 'source', name: 'Kristins', members: ['kristin'] });
    const { sets } = await codingQueryApi.sets('Omega');
    expect(sets.map((s) => [s.kind, s.name])).toEqual([
      ['source', 'Kristins'],
      ['case', 'Stadsdel Y'],
    ]);
    const caseSet = sets.find((s) => s.kind === 'case')?.id as string;
    const inY = await codingQueryApi.run('Omega', 'hinder OR media', { caseSets: [caseSet] }, { limit: 50, offset: 0 });
    expect(new Set(inY.hits.map((h) => h.caseName))).toEqual(new Set(['Albin']));
    const sourceSet = sets.find((s) => s.kind === 'source')?.id as string;
    const inKristin = await codingQueryApi.run('Omega', 'hinder', { sourceSets: [sourceSet] }, { limit: 50, offset: 0 });
    expect(inKristin.hits.map((h) => h.sourceName)).toEqual(['kristin']);
  });

  it('a quoted name of several words, as the builder writes it, is read by the server', async () => {
    const expression = clicked(
      { kind: 'code', name: 'brist på tid' },
      { kind: 'op', op: 'WITHIN' },
      { kind: 'code', name: 'hinder' },
    );
    expect(expression).toBe('"brist på tid" WITHIN hinder');
    const r = await codingQueryApi.run('Omega', expression, {}, { limit: 50, offset: 0 });
    expect(r.hits.map((h) => h.text)).toEqual(['Tidsbrist']);
  });

  it('a syntax error is an ApiError query.syntax whose message names the place', async () => {
    const error = await codingQueryApi.run('Omega', 'hinder AND', {}, { limit: 50, offset: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'query.syntax', status: 400 });
    expect((error as ApiError).message).toMatch(/character 11/);
    // A code the project lacks is refused too, as the page shows under the field (400 or 404).
    const unknown = await codingQueryApi.run('Omega', 'hinder AND okänd', {}, { limit: 50, offset: 0 }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ApiError);
    expect([400, 404]).toContain((unknown as ApiError).status);
    expect((unknown as ApiError).message).toContain('okänd');
  });

  it('saves, lists with its count, pages the hits of, edits and deletes a smart code', async () => {
    const saved = await codingQueryApi.saveSmartCode('Omega', {
      name: 'Hinder i media',
      expression: 'hinder WITHIN media',
      filter: { cases: [] },
      color: '#6a4c93',
      description: 'Hinder som nämns där media nämns.',
    });
    expect(saved.id).toBeTruthy();
    const { smartCodes } = await codingQueryApi.smartCodes('Omega');
    expect(smartCodes).toEqual([
      expect.objectContaining({
        id: saved.id,
        name: 'Hinder i media',
        color: '#6a4c93',
        description: 'Hinder som nämns där media nämns.',
        hits: 1,
      }),
    ]);
    const hits = await codingQueryApi.smartCodeHits('Omega', saved.id, { limit: 50, offset: 0 });
    expect(hits.total).toBe(1);
    expect(hits.hits[0]?.text).toBe('Det är ett hinder för oss.');
    const none = await codingQueryApi.smartCodeHits('Omega', saved.id, { limit: 50, offset: 1 });
    expect(none).toMatchObject({ total: 1, hits: [] });

    // A smart code the builder names: smart:"…".
    const viaSmart = clicked(
      { kind: 'smart', name: 'Hinder i media' },
      { kind: 'op', op: 'OR' },
      { kind: 'code', name: 'brist på tid' },
    );
    expect((await codingQueryApi.run('Omega', viaSmart, {}, { limit: 50, offset: 0 })).total).toBe(2);

    await codingQueryApi.editSmartCode('Omega', saved.id, { name: 'Hinder', expression: 'hinder', description: '' });
    const edited = (await codingQueryApi.smartCodes('Omega')).smartCodes[0];
    expect(edited).toMatchObject({ name: 'Hinder', hits: 2, description: '' });
    // A taken name is refused with a message for the form.
    await codingQueryApi.saveSmartCode('Omega', { name: 'hinder', expression: 'media' }).then(
      () => expect.unreachable(),
      (e: unknown) => expect(e).toMatchObject({ code: 'smart-code.exists', status: 409 }),
    );
    // As a row of the code × case matrix: its passages counted per case, after the codes' rows.
    const matrix = await queriesApi.matrix('Omega', {
      rows: 'codes',
      columns: 'cases',
      measure: 'count',
      coder: '',
      smartCodes: [saved.id],
    });
    const last = matrix.rows[matrix.rows.length - 1];
    expect(last).toMatchObject({ id: saved.id, name: 'Hinder' });
    expect(matrix.columns.map((c) => c.label)).toEqual(['Albin', 'Kristin']);
    expect(matrix.cells[matrix.rows.length - 1]).toEqual([1, 1]);

    await codingQueryApi.deleteSmartCode('Omega', saved.id);
    expect((await codingQueryApi.smartCodes('Omega')).smartCodes).toEqual([]);
  });
});
