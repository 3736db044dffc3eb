import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeCooccurrence } from '../../src/commands/codeCooccurrence.js';
import { codeFrequencies } from '../../src/commands/codeFrequencies.js';
import { codeMatrix } from '../../src/commands/codeMatrix.js';
import { exportMatrix } from '../../src/commands/exportMatrix.js';
import { whoSharesCode } from '../../src/commands/whoSharesCode.js';
import { codeShade, paletteColor } from '../../src/core/codebook/colors.js';
import { tempContext } from '../helpers.js';
import { buildStudy } from './fixture.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let code: Awaited<ReturnType<typeof buildStudy>>['code'];
beforeEach(async () => {
  env = await tempContext();
  ({ code } = await buildStudy(env.ctx));
});
afterEach(() => env.cleanup());

const project = 'Studie';

describe('codeMatrix', () => {
  it('counts segments per code × case, a group interview’s turns credited to their speakers, and a column for no case', async () => {
    const m = await codeMatrix(env.ctx, { project });
    expect(m.rows.map((r) => r.path.join('/'))).toEqual(['Hinder/media', 'Hinder/tidsbrist', 'Möjligheter/samverkan']);
    expect(m.columns.map((c) => [c.label, c.empty])).toEqual([
      ['Albin', null],
      ['Cathrin', null],
      ['Kristin', null],
      ['Nermin', null],
      ['', 'no-case'],
    ]);
    expect(m.cells).toEqual([
      [1, 1, 1, 0, 1],
      [1, 0, 0, 1, 0],
      [1, 0, 1, 0, 0],
    ]);
    expect(m.totals).toEqual([4, 2, 2]);
  });

  it('measures coded characters in code points (an emoji is one)', async () => {
    const m = await codeMatrix(env.ctx, { project, measure: 'chars' });
    // "Media 😀 ger en farlig bild." 27, "Media igen 🙂." 13, "Media stämplar områden." 23, "media" 5.
    expect(m.cells[0]).toEqual([27, 13, 23, 0, 5]);
    // "farlig bild. Tiden räcker inte." 31, "Tidsbrist." 10.
    expect(m.cells[1]).toEqual([31, 0, 0, 10, 0]);
    expect(m.totals).toEqual([68, 41, 34]);
  });

  it('sums categories over their codes, and presence is 1 or 0', async () => {
    const count = await codeMatrix(env.ctx, { project, rows: 'categories' });
    expect(count.rows.map((r) => r.name)).toEqual(['Hinder', 'Möjligheter']);
    expect(count.cells).toEqual([
      [2, 1, 1, 1, 1],
      [1, 0, 1, 0, 0],
    ]);
    const presence = await codeMatrix(env.ctx, { project, rows: 'categories', measure: 'presence' });
    expect(presence.cells).toEqual([
      [1, 1, 1, 1, 1],
      [1, 0, 1, 0, 0],
    ]);
    expect(presence.totals).toEqual([1, 1]);
    const themes = await codeMatrix(env.ctx, { project, rows: 'themes' });
    expect(themes.rows.map((r) => r.name)).toEqual(['Hinder', 'Möjligheter']);
  });

  it('groups cases by an attribute’s values: choices in their order, then no value, then no case', async () => {
    const m = await codeMatrix(env.ctx, { project, rows: 'categories', columns: 'attr:Stadsdel' });
    expect(m.attribute).toBe('stadsdel');
    expect(m.columns.map((c) => [c.label, c.cases, c.empty])).toEqual([
      ['Z', 1, null],
      ['Y', 2, null],
      ['', 1, 'no-value'],
      ['', 0, 'no-case'],
    ]);
    expect(m.cells).toEqual([
      [1, 3, 1, 1],
      [1, 1, 0, 0],
    ]);
    const cases = await codeMatrix(env.ctx, { project, columns: 'attr:stadsdel', measure: 'cases' });
    expect(cases.cells).toEqual([
      [1, 2, 0, 0],
      [0, 1, 1, 0],
      [1, 1, 0, 0],
    ]);
    expect(cases.totals).toEqual([3, 2, 2]);
  });

  it('counts one coder’s layer when asked, and refuses an unknown attribute', async () => {
    await code('albin', 'Tiden räcker inte.', 'media', 'bo');
    expect((await codeMatrix(env.ctx, { project })).cells[0]).toEqual([2, 1, 1, 0, 1]);
    const bo = await codeMatrix(env.ctx, { project, coder: 'bo' });
    expect(bo.cells).toEqual([
      [1, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0, 0],
    ]);
    await expect(codeMatrix(env.ctx, { project, columns: 'attr:ålder' })).rejects.toMatchObject({ code: 'attribute.not-found' });
  });

  it('exports to csv with paths, localized headers and totals, separated as a Swedish spreadsheet expects', async () => {
    const csv = await exportMatrix(env.ctx, { project, format: 'csv' });
    expect(csv.fileName).toBe('studie-matris-intervjupersoner.csv');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes)).toBe(
      '\uFEFFKod;Albin;Cathrin;Kristin;Nermin;(inget fall);Totalt\r\n' +
        'Hinder / media;1;1;1;0;1;4\r\nHinder / tidsbrist;1;0;0;1;0;2\r\nMöjligheter / samverkan;1;0;1;0;0;2\r\n',
    );
  });
});

describe('codeCooccurrence', () => {
  const cell = (co: Awaited<ReturnType<typeof codeCooccurrence>>, a: string, b: string) =>
    co.cells[co.codes.findIndex((c) => c.name === a)]?.[co.codes.findIndex((c) => c.name === b)];

  it('counts overlapping segments of two codes; the diagonal is each code’s segments', async () => {
    const co = await codeCooccurrence(env.ctx, { project });
    expect(co.codes.map((c) => c.name)).toEqual(['media', 'tidsbrist', 'samverkan']);
    expect(co.cells).toEqual([
      [4, 1, 0],
      [1, 2, 0],
      [0, 0, 2],
    ]);
  });

  it('counts codes in the same speaker turn, or the same paragraph', async () => {
    const turn = await codeCooccurrence(env.ctx, { project, mode: 'turn' });
    // Kristin's one turn holds media and, a paragraph later, samverkan; the note has no turns.
    expect(turn.cells).toEqual([
      [3, 1, 1],
      [1, 2, 0],
      [1, 0, 2],
    ]);
    const paragraph = await codeCooccurrence(env.ctx, { project, mode: 'paragraph' });
    expect(cell(paragraph, 'media', 'samverkan')).toBe(0);
    expect(cell(paragraph, 'media', 'tidsbrist')).toBe(1);
    expect(cell(paragraph, 'media', 'media')).toBe(4);
  });

  it('does not count adjacent segments as overlapping', async () => {
    await code('albin', 'Samverkan', 'media');
    await code('albin', ' med skolan.', 'tidsbrist');
    const co = await codeCooccurrence(env.ctx, { project });
    expect(cell(co, 'media', 'samverkan')).toBe(1);
    expect(cell(co, 'tidsbrist', 'samverkan')).toBe(1);
    expect(cell(co, 'media', 'tidsbrist')).toBe(1);
  });
});

describe('whoSharesCode and codeFrequencies', () => {
  it('lists the cases that share a code with their quotes, those that do not, and quotes of no case', async () => {
    const r = await whoSharesCode(env.ctx, { project, code: 'media' });
    expect(r.cases.map((c) => [c.name, c.attributes.stadsdel ?? null, c.segments.map((s) => s.text)])).toEqual([
      ['Albin', 'Y', ['Media 😀 ger en farlig bild.']],
      ['Cathrin', 'Y', ['Media igen 🙂.']],
      ['Kristin', 'Z', ['Media stämplar områden.']],
    ]);
    expect(r.without.map((c) => c.name)).toEqual(['Nermin']);
    expect(r.noCase.map((s) => s.text)).toEqual(['media']);
    const category = await whoSharesCode(env.ctx, { project, code: 'Hinder' });
    expect(category.cases.map((c) => c.name)).toEqual(['Albin', 'Cathrin', 'Kristin', 'Nermin']);
  });

  it('gives each node’s segments, characters, cases and sources, categories over their branch', async () => {
    const rows = await codeFrequencies(env.ctx, { project });
    expect(rows.map((r) => [r.path.join('/'), r.depth, r.segments, r.branchSegments, r.chars, r.cases, r.sources])).toEqual([
      ['Hinder', 0, 0, 6, 109, 4, 4],
      ['Hinder/media', 1, 4, 4, 68, 3, 4],
      ['Hinder/tidsbrist', 1, 2, 2, 41, 2, 2],
      ['Möjligheter', 0, 0, 2, 34, 2, 2],
      ['Möjligheter/samverkan', 1, 2, 2, 34, 2, 2],
    ]);
  });

  it('gives codes that inherited their category’s colour each its own shade, as the document view shows them', async () => {
    const rows = await codeFrequencies(env.ctx, { project });
    const color = (path: string) => rows.find((r) => r.path.join('/') === path)?.color as string;
    const hinder = paletteColor(0);
    expect(color('Hinder')).toBe(hinder);
    expect(color('Hinder/media')).toBe(codeShade(hinder, 0, 2));
    expect(color('Hinder/tidsbrist')).toBe(codeShade(hinder, 1, 2));
    expect(color('Hinder/media')).not.toBe(color('Hinder/tidsbrist'));
    // A single code keeps its category’s colour.
    expect(color('Möjligheter/samverkan')).toBe(color('Möjligheter'));
    const m = await codeMatrix(env.ctx, { project });
    expect(m.rows.map((r) => r.color)).toEqual([
      color('Hinder/media'),
      color('Hinder/tidsbrist'),
      color('Möjligheter/samverkan'),
    ]);
  });
});
