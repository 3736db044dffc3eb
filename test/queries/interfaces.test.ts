import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { koda } from '../cli/run.js';
import { inject, tempContext } from '../helpers.js';
import { buildStudy } from './fixture.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let out: string;
beforeEach(async () => {
  env = await tempContext('anna');
  await buildStudy(env.ctx);
  out = mkdtempSync(join(tmpdir(), 'koda-out-'));
});
afterEach(async () => {
  await env.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('koda CLI: queries, auto-coding and the report', () => {
  it('prints a matrix as a table and as JSON, and exports it', async () => {
    const table = await koda(env, ['matrix', '--project', 'Studie', '--rows', 'categories', '--cols', 'attr:stadsdel']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[1]).toMatch(/^Hinder\s+1\s+3\s+1\s+1\s+6$/);
    const json = await koda(env, ['matrix', '--project', 'Studie', '--measure', 'chars', '--json']);
    expect(json.json().cells[0]).toEqual([27, 13, 23, 0, 5]);
    const file = join(out, 'm.csv');
    const written = await koda(env, ['matrix', '--project', 'Studie', '--out', file]);
    expect(written.stdout).toContain(`Wrote the matrix to ${file} (3 rows × 5 columns).`);
    expect(readFileSync(file, 'utf8')).toContain('Hinder / media;1;1;1;0;1;4');
    const bad = await koda(env, ['matrix', '--project', 'Studie', '--measure', 'weight']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^koda: Invalid input for measure/);
  });

  it('searches with keyword-in-context lines', async () => {
    const r = await koda(env, ['search', '--project', 'Studie', 'medierna']);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      '           Albin: [Media] 😀 ger en farlig bild. Tiden räcker inte.  (Albin, albin 28–33)',
      'Fältanteckning om [media].  (anteckning, anteckning 18–23)',
      '         Cathrin: [Media] igen 🙂.  (Cathrin, grupp 20–25)',
      '         Kristin: [Media] stämplar områden.  (Kristin, kristin 21–26)',
      'Paragraphs matching "medierna": 4; 4 lines shown.',
    ]);
  });

  it('previews auto-coding, then codes, and undo takes it back', async () => {
    const preview = await koda(env, [
      'autocode',
      '--project',
      'Studie',
      '--code',
      'samverkan',
      '--pattern',
      'farlig',
      '--unit',
      'sentence',
      '--dry-run',
    ]);
    expect(preview.stdout.trim().split('\n')).toEqual([
      'albin 28–55 (Albin): I: Vad är hinder? 😀 Albin: [Media 😀 ger en farlig bild.] Tiden räcker inte. I: Och möjligheter?…',
      'Would code 1 segment with "samverkan" in 1 source (1 hit; 0 already coded in the layer of anna). Nothing was written.',
    ]);
    // The sentence overlaps the fixture's "farlig bild. Tiden räcker inte." (tidsbrist): the preview says whose.
    const overlapping = await koda(env, [
      'autocode',
      '--project',
      'Studie',
      '--code',
      'tidsbrist',
      '--pattern',
      'farlig',
      '--unit',
      'sentence',
      '--dry-run',
    ]);
    expect(overlapping.stdout).toMatch(/^Already coded with "tidsbrist" by \S+: the same span 0, overlapping 1\.$/m);
    const run = await koda(env, [
      'autocode',
      '--project',
      'Studie',
      '--code',
      'tidsbrist',
      '--pattern',
      'tid\\p{L}*',
      '--kind',
      'regex',
      // Both hits lie inside tidsbrist segments of the fixture's layer: another layer gets them.
      '--layer',
      'bo',
      '--json',
    ]);
    expect(run.json()).toMatchObject({ segments: 2, created: 2, hits: 2 });
    expect((await koda(env, ['undo', '--project', 'Studie'])).stdout).toContain('segment.autocode');
  });

  it('writes a Markdown report with its figures beside it, and names shares and frequencies', async () => {
    const file = join(out, 'utkast.md');
    const r = await koda(env, ['report', '--project', 'Studie', '--out', file, '--attributes', 'stadsdel']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Wrote the results draft to ${file}: 8 quotes from 4 cases, 3 figures.`);
    expect(r.stderr).toContain('No consent is recorded for Nermin');
    expect(existsSync(join(out, 'utkast-figures', 'figur-1.svg'))).toBe(true);
    expect(readFileSync(file, 'utf8')).toContain('> “Media igen 🙂.” (Cathrin)');
    const shares = await koda(env, ['shares', '--project', 'Studie', '--code', 'media']);
    expect(shares.stdout.split('\n')[0]).toBe('"media" is shared by 3 of 4 cases.');
    const freq = await koda(env, ['frequencies', '--project', 'Studie', '--json']);
    expect(freq.json().map((f: { name: string; branchSegments: number }) => [f.name, f.branchSegments])).toEqual([
      ['Hinder', 6],
      ['media', 4],
      ['tidsbrist', 2],
      ['Möjligheter', 2],
      ['samverkan', 2],
    ]);
    const co = await koda(env, ['cooccurrence', '--project', 'Studie', '--mode', 'turn', '--json']);
    expect(co.json().cells[0]).toEqual([3, 1, 1]);
  });
});

describe('HTTP API: queries, charts and downloads', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildServer(env.ctx, { language: 'en' });
  });
  afterEach(() => app.close());
  const get = (url: string) => inject(app, { method: 'GET', url: `/api/projects/Studie${url}` });

  it('answers matrix, co-occurrence, frequencies, shares and search', async () => {
    expect((await get('/matrix?rows=categories&columns=attr:stadsdel&measure=cases')).json().cells).toEqual([
      [1, 2, 1, 0],
      [1, 1, 0, 0],
    ]);
    expect((await get('/cooccurrence?mode=overlap')).json().cells[0]).toEqual([4, 1, 0]);
    expect((await get('/frequencies')).json()).toHaveLength(5);
    expect((await get('/shares?code=media')).json().without).toEqual([expect.objectContaining({ name: 'Nermin' })]);
    const search = await get(`/search?q=${encodeURIComponent('tiden')}&source=albin,grupp`);
    expect(search.json().hits.map((h: { match: string }) => h.match)).toEqual(['Tiden']);
    const bad = await get('/matrix?columns=district');
    expect(bad.statusCode).toBe(400);
    // The routes are documented.
    const spec = (await inject(app, { method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/projects/{project}/search', '/api/projects/{project}/report']),
    );
  });

  it('previews and runs auto-coding', async () => {
    // "Vi samverkar." is coded samverkan in the fixture's layer: into bo's layer, saying so.
    const body = { code: 'samverkan', pattern: 'samverkar', coder: 'bo', dryRun: true };
    const preview = await inject(app, { method: 'POST', url: '/api/projects/Studie/autocode', payload: body });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ segments: 1, created: 0, listed: [{ text: 'samverkar', case: { name: 'Kristin' } }] });
    expect(preview.json().listed[0].codedBy).toEqual([{ coder: expect.any(String), same: false }]);
    const run = await inject(app, { method: 'POST', url: '/api/projects/Studie/autocode', payload: { ...body, dryRun: false } });
    expect(run.statusCode).toBe(201);
    expect(run.json()).toMatchObject({ created: 1 });
  });

  it('serves charts as ECharts options or SVG', async () => {
    const option = await get('/charts/frequencies');
    expect(option.json()).toMatchObject({ kind: 'bars', title: 'Kodfrekvenser', svg: null });
    const svg = await get('/charts/matrix?rows=categories&format=svg&language=en');
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.body).toMatch(/^<svg[\s\S]*Codes × participants[\s\S]*<\/svg>$/);
  });

  it('downloads the report and the matrix', async () => {
    const docx = await get('/report?format=docx&attributes=stadsdel');
    expect(docx.headers['content-disposition']).toBe(
      `attachment; filename="studie-resultatutkast.docx"; filename*=UTF-8''studie-resultatutkast.docx`,
    );
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(JSON.parse(decodeURIComponent(String(docx.headers['x-koda-warnings'])))).toEqual([
      { code: 'consent.missing', params: { case: 'Nermin' } },
    ]);
    const md = await get('/report?format=md');
    expect(md.headers['content-type']).toBe('application/zip');
    expect(Object.keys(unzipSync(new Uint8Array(md.rawPayload))).sort()).toEqual([
      'figures/figur-1.svg',
      'figures/figur-2.svg',
      'figures/figur-3.svg',
      'studie-resultatutkast.md',
    ]);
    const plain = await get('/report?format=md&charts=false');
    expect(plain.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(plain.body).toContain('## Resultat');
    // The cases table: every attribute when none are named, names only for an empty list.
    expect(plain.body).toMatch(/\|[^\n]*stadsdel[^\n]*\|/);
    const namesOnly = await get('/report?format=md&charts=false&attributes=');
    expect(namesOnly.body).not.toMatch(/\|[^\n]*stadsdel[^\n]*\|/);
    const xlsx = await get('/matrix/export?format=xlsx');
    expect(xlsx.headers['content-disposition']).toContain('filename="studie-matris-intervjupersoner.xlsx"');
    expect(xlsx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
