import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseComparison } from '../../src/commands/caseComparison.js';
import { codeMap } from '../../src/commands/codeMap.js';
import { documentPortrait } from '../../src/commands/documentPortrait.js';
import { exportPicture } from '../../src/commands/exportPicture.js';
import { buildServer } from '../../src/server/app.js';
import { koda } from '../cli/run.js';
import { expectRefused } from '../commands/fixtures.js';
import { inject, tempContext } from '../helpers.js';
import { buildStudy, TEXTS } from './fixture.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let out: string;
beforeEach(async () => {
  env = await tempContext('anna');
  await buildStudy(env.ctx);
  out = mkdtempSync(join(tmpdir(), 'koda-pictures-'));
});
afterEach(async () => {
  await env.cleanup();
  rmSync(out, { recursive: true, force: true });
});

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A PNG's width and height from its IHDR chunk. */
const pngSize = (bytes: Uint8Array) => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};

describe('pictures of the coding (commands)', () => {
  it('maps the codes sized by use, coloured by category, linked as the co-occurrence counts', async () => {
    const map = await codeMap(env.ctx, { project: 'Studie' });
    const byName = Object.fromEntries(map.codes.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['media', 'samverkan', 'tidsbrist']);
    expect(byName.media?.segments).toBe(4);
    expect(byName.tidsbrist?.segments).toBe(2);
    expect(byName.media?.r).toBeGreaterThan(byName.tidsbrist?.r ?? 99);
    expect(byName.media?.category?.name).toBe('Hinder');
    expect(byName.media?.color).toBe(byName.tidsbrist?.color);
    expect(byName.media?.color).toBe(byName.media?.category?.color);
    expect(byName.samverkan?.color).not.toBe(byName.media?.color);
    // Albin's media and tidsbrist overlap: the one pair, as in the co-occurrence matrix.
    expect(map.pairs.map((p) => p.weight)).toEqual([1]);
    expect(new Set([map.pairs[0]?.a, map.pairs[0]?.b])).toEqual(new Set([byName.media?.id, byName.tidsbrist?.id]));
    expect(map.scene.marks.filter((m) => m.kind === 'line' && m.target?.kind === 'pair')).toHaveLength(1);
    // The same coding, the same picture.
    expect((await codeMap(env.ctx, { project: 'Studie' })).scene).toEqual(map.scene);
    // In the same turn: Kristin's media and samverkan join them (her one turn holds both).
    const turns = await codeMap(env.ctx, { project: 'Studie', mode: 'turn' });
    expect(turns.pairs.map((p) => p.weight)).toEqual([1, 1]);
    expect(turns.scene.title).toBe('Kodkarta (samma yttrande)');
  });

  it('draws the map and the comparison of what a filter lets through', async () => {
    const inY = { attributes: [{ attribute: 'stadsdel', value: 'Y' }] };
    const map = await codeMap(env.ctx, { project: 'Studie', filter: inY });
    // Albin and Cathrin live in Y: Kristin's media and the group's Nermin fall away.
    expect(Object.fromEntries(map.codes.map((c) => [c.name, c.segments]))).toEqual({ media: 2, tidsbrist: 1, samverkan: 1 });
    expect(map.pairs.map((p) => p.weight)).toEqual([1]);
    const c = await caseComparison(env.ctx, { project: 'Studie', filter: { speaker: 'participant', ...inY } });
    // Only the filter's cases are columns; the shares are of what passed.
    expect(c.columns.map((x) => x.label)).toEqual(['Albin', 'Cathrin']);
    expect(c.chars).toEqual([
      [58, 13],
      [21, 0],
    ]);
    expect(c.filter.attributes).toEqual([{ attribute: 'stadsdel', value: 'Y' }]);
  });

  it('draws a transcript’s code line: its turns, a lane per code in codebook order, each segment where it falls', async () => {
    const p = await documentPortrait(env.ctx, { project: 'Studie', source: 'albin', language: 'en' });
    expect(p.source.length).toBe([...TEXTS.albin].length);
    expect(p.codes.map((c) => c.name)).toEqual(['media', 'tidsbrist', 'samverkan']);
    expect(p.turns.map((t) => t.interviewer)).toEqual([true, false, true, false]);
    expect(p.segments).toHaveLength(3);
    const media = p.segments.find((s) => s.code === p.codes[0]?.id);
    expect(media?.text).toBe('Media 😀 ger en farlig bild.');
    const bar = p.scene.marks.find((m) => m.kind === 'rect' && m.target?.kind === 'place' && m.title?.startsWith('media'));
    expect(bar?.target).toEqual({ kind: 'place', source: p.source.id, start: media?.start, end: media?.end });
    expect(p.scene.title).toBe('Code line: albin');
    const empty = await documentPortrait(env.ctx, { project: 'Studie', source: 'anteckning', coder: 'nobody' });
    expect(empty.codes).toEqual([]);
  });

  it('compares themes by case as shares of each case’s coded text', async () => {
    const c = await caseComparison(env.ctx, { project: 'Studie' });
    expect(c.rows.map((r) => r.name)).toEqual(['Hinder', 'Möjligheter']);
    const col = (label: string) => c.columns.findIndex((x) => x.label === label);
    // Albin: media 27 + tidsbrist 31 code points under Hinder, samverkan 21 under Möjligheter.
    expect(c.shares[0]?.[col('Albin')]).toBeCloseTo(58 / 79);
    expect(c.shares[1]?.[col('Albin')]).toBeCloseTo(21 / 79);
    expect(c.shares[0]?.[col('Nermin')]).toBe(1);
    for (const [i] of c.columns.entries()) expect((c.shares[0]?.[i] ?? 0) + (c.shares[1]?.[i] ?? 0)).toBeCloseTo(1);
    expect(c.scene.marks.some((m) => m.kind === 'text' && m.text === '73 %')).toBe(true);
  });

  it('exports each picture as SVG and as real PNG bytes, twice its size', async () => {
    for (const kind of ['codemap', 'portrait', 'comparison'] as const) {
      const svg = await exportPicture(env.ctx, { project: 'Studie', kind, source: 'albin', format: 'svg' });
      const text = new TextDecoder().decode(svg.bytes);
      expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(text).toContain(`viewBox="0 0 ${svg.width} ${svg.height}"`);
      const png = await exportPicture(env.ctx, { project: 'Studie', kind, source: 'albin', format: 'png' });
      expect([...png.bytes.slice(0, 8)]).toEqual(PNG);
      expect(pngSize(png.bytes)).toEqual({ width: svg.width * 2, height: svg.height * 2 });
      expect(png.fileName).toMatch(/\.png$/);
    }
    await expectRefused(env.store, () => exportPicture(env.ctx, { project: 'Studie', kind: 'portrait' }), 'picture.needs-source');
    await expectRefused(env.store, () => documentPortrait(env.ctx, { project: 'Studie', source: 'nowhere' }), 'source.not-found');
  });
});

describe('pictures over HTTP', () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await buildServer(env.ctx, { language: 'en' });
  });
  afterEach(() => app.close());
  const get = (url: string) => inject(app, { method: 'GET', url: `/api/projects/Studie${url}` });

  it('answers the data of each picture and its files', async () => {
    const map = (await get('/pictures/codemap?mode=paragraph')).json();
    expect(map.mode).toBe('paragraph');
    expect(map.scene.title).toBe('Code map (same paragraph)');
    expect((await get('/pictures/portrait?source=kristin')).json().codes.map((c: { name: string }) => c.name)).toEqual([
      'media',
      'samverkan',
    ]);
    expect((await get('/pictures/comparison?rows=categories')).json().rowLevel).toBe('categories');
    const inY = (await get('/pictures/codemap?where=stadsdel%3DY')).json();
    expect(inY.codes.map((c: { segments: number }) => c.segments).sort()).toEqual([1, 1, 2]);
    const png = await get('/pictures/comparison/export?format=png');
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect([...png.rawPayload.subarray(0, 8)]).toEqual(PNG);
    const svg = await get('/pictures/portrait/export?format=svg&source=albin');
    expect(svg.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
    expect(svg.headers['content-disposition']).toContain('code-line-albin.svg');
    expect(svg.body).toContain('<title>Code line: albin</title>');
    expect((await get('/pictures/portrait')).statusCode).toBe(400);
    expect((await get('/pictures/portrait?source=nowhere')).statusCode).toBe(404);
    expect((await get('/pictures/chart/export')).statusCode).toBe(400);
  });
});

describe('koda chart', () => {
  it('writes a picture as PNG or SVG, and prints its figures otherwise', async () => {
    const png = join(out, 'map.png');
    const r = await koda(env, ['chart', 'codemap', '--project', 'Studie', '--out', png]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*map\.png \(\d+ × \d+\)\.\n$/);
    expect([...readFileSync(png).subarray(0, 8)]).toEqual(PNG);
    const svg = join(out, 'line.svg');
    expect((await koda(env, ['chart', 'portrait', '--project', 'Studie', '--source', 'albin', '--out', svg])).code).toBe(0);
    // Labelled in the project's language, as the report is.
    expect(readFileSync(svg, 'utf8')).toContain('<title>Kodlinje: albin</title>');
    const table = await koda(env, ['chart', 'comparison', '--project', 'Studie']);
    // Kristin: media 23 of 23 + 13 coded characters.
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      '             Albin  Cathrin  Kristin  Nermin  (inget fall)',
      'Hinder        73 %    100 %     64 %   100 %         100 %',
      'Möjligheter   27 %      0 %     36 %     0 %           0 %',
    ]);
    const filtered = await koda(env, ['chart', 'codemap', '--project', 'Studie', '--where', 'stadsdel=Y', '--json']);
    expect(
      filtered
        .json()
        .codes.map((c: { segments: number }) => c.segments)
        .sort(),
    ).toEqual([1, 1, 2]);
    const json = await koda(env, ['chart', 'portrait', '--project', 'Studie', '--source', 'kristin', '--json']);
    expect(json.json().segments).toHaveLength(2);
    const noSource = await koda(env, ['chart', 'portrait', '--project', 'Studie', '--out', svg]);
    expect(noSource.code).toBe(1);
    expect(noSource.stderr).toBe('koda: A document portrait is of one transcript: give the source (--source).\n');
    const pdf = await koda(env, ['chart', 'codemap', '--project', 'Studie', '--out', join(out, 'x.pdf')]);
    expect(pdf.stderr).toBe(`koda: A picture is written as .svg or .png, not as ${join(out, 'x.pdf')}.\n`);
  });
});
