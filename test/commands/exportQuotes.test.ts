import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeMatrix } from '../../src/commands/codeMatrix.js';
import { exportQuotes } from '../../src/commands/exportQuotes.js';
import { getSource } from '../../src/commands/getSource.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { saveSmartCode } from '../../src/commands/saveSmartCode.js';
import { setSegmentMemo } from '../../src/commands/setSegmentMemo.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { parseCsv } from '../../src/formats/csvTable.js';
import { tempContext } from '../helpers.js';
import { buildStudy } from '../queries/fixture.js';
import { expectRefused } from './fixtures.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext('anna');
  await buildStudy(env.ctx);
});
afterEach(() => env.cleanup());

const project = 'Studie';
const decoder = new TextDecoder();
const csvRows = (bytes: Uint8Array) => parseCsv(decoder.decode(bytes)).rows.filter((r) => r.some((c) => c !== ''));

/** The source's own words at a quote's place: what a quote must be. */
async function sliceOf(source: string, start: number, end: number) {
  const { text } = await getSource(env.ctx, { project, source });
  return new CodePointIndex(text).slice(start, end);
}

describe('exportQuotes: a code', () => {
  it('writes a csv row per quote of a category, its codes’ quotes included, each the source’s own words at its place', async () => {
    const r = await exportQuotes(env.ctx, { project, code: 'Hinder', format: 'csv' });
    const rows = csvRows(r.bytes);
    expect(rows[0]).toEqual(['Källa', 'Fall', 'Talare', 'Kodare', 'Koder', 'Citat', 'Memo', 'Början', 'Slut']);
    const body = rows.slice(1);
    expect(body.map((q) => [q[0], q[1], q[4], q[5]])).toEqual([
      ['albin', 'Albin', 'media', 'Media 😀 ger en farlig bild.'],
      ['albin', 'Albin', 'tidsbrist', 'farlig bild. Tiden räcker inte.'],
      ['anteckning', '', 'media', 'media'],
      ['grupp', 'Cathrin', 'media', 'Media igen 🙂.'],
      ['grupp', 'Nermin', 'tidsbrist', 'Tidsbrist.'],
      ['kristin', 'Kristin', 'media', 'Media stämplar områden.'],
    ]);
    for (const q of body) expect(q[5]).toBe(await sliceOf(q[0] as string, Number(q[7]), Number(q[8])));
    expect(body.map((q) => q[2])).toEqual(['Albin', 'Albin', '', 'Cathrin', 'Nermin', 'Kristin']);
    expect(body.every((q) => q[3] === 'anna')).toBe(true);
    expect(r.quotes).toBe(6);
    expect(r.fileName).toBe('studie-citat-hinder.csv');
  });

  it('leaves the codes below out when asked, and keeps only what the analysis filter passes', async () => {
    await expect(
      exportQuotes(env.ctx, { project, code: 'Hinder', includeDescendants: false, format: 'csv' }),
    ).resolves.toMatchObject({
      quotes: 0,
    });
    const albin = await exportQuotes(env.ctx, { project, code: 'Hinder', filter: { cases: ['Albin', 'Nermin'] }, format: 'csv' });
    expect(
      csvRows(albin.bytes)
        .slice(1)
        .map((q) => q[5]),
    ).toEqual(['Media 😀 ger en farlig bild.', 'farlig bild. Tiden räcker inte.', 'Tidsbrist.']);
    const district = await exportQuotes(env.ctx, {
      project,
      code: 'media',
      filter: { attributes: [{ attribute: 'stadsdel', value: 'Z' }] },
      format: 'csv',
    });
    expect(
      csvRows(district.bytes)
        .slice(1)
        .map((q) => q[5]),
    ).toEqual(['Media stämplar områden.']);
  });

  it('writes a Word document: each quote, its attribution and its memo', async () => {
    const [first] = await retrieveSegments(env.ctx, { project, code: 'media' });
    await setSegmentMemo(env.ctx, { project, segment: first?.id as string, memo: 'Stark bild av området' });
    const r = await exportQuotes(env.ctx, { project, code: 'media', format: 'docx' });
    expect(r.mediaType).toContain('wordprocessingml');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(r.bytes) });
    expect(value).toContain('Citat: media');
    for (const quote of ['Media 😀 ger en farlig bild.', 'media', 'Media igen 🙂.', 'Media stämplar områden.'])
      expect(value).toContain(quote);
    expect(value).toContain('— Albin, albin ');
    expect(value).toContain('— Cathrin, grupp ');
    expect(value).toContain('— anteckning ');
    expect(value).toContain('kodat av anna');
    expect(value).toContain('Memo: Stark bild av området');
    // In reading order: albin's quote before kristin's.
    expect(value.indexOf('Media 😀 ger')).toBeLessThan(value.indexOf('Media stämplar'));
  });

  it('writes a spreadsheet that reads back: a row per quote and a sheet saying what they are', async () => {
    const r = await exportQuotes(env.ctx, { project, code: 'tidsbrist', format: 'xlsx' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(r.bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Citat');
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1);
    expect(values(1)).toEqual(['Källa', 'Fall', 'Talare', 'Kodare', 'Koder', 'Citat', 'Memo', 'Början', 'Slut']);
    expect(values(2).slice(0, 6)).toEqual(['albin', 'Albin', 'Albin', 'anna', 'tidsbrist', 'farlig bild. Tiden räcker inte.']);
    expect(values(3).slice(0, 6)).toEqual(['grupp', 'Nermin', 'Nermin', 'anna', 'tidsbrist', 'Tidsbrist.']);
    const [start, end] = values(3).slice(7) as number[];
    expect(await sliceOf('grupp', start as number, end as number)).toBe('Tidsbrist.');
    const about = book.getWorksheet('Om');
    expect(((about?.getRow(2).values ?? []) as unknown[]).slice(1)).toEqual(['Citat ur', 'tidsbrist']);
  });

  it('leaves one audit event naming the project and the code, and no words of the quotes', async () => {
    await exportQuotes(env.ctx, { project, code: 'media', format: 'csv' });
    const [event] = await listAudit(env.ctx, { project, action: 'quotes.export' });
    expect(event).toMatchObject({ actor: 'anna', details: { format: 'csv', quotes: 4 } });
    expect(JSON.stringify(event)).not.toContain('Media');
  });
});

describe('exportQuotes: a matrix cell', () => {
  it('gives exactly the segments each cell counts, for case and attribute columns', async () => {
    for (const [rows, columns] of [
      ['codes', 'cases'],
      ['categories', 'cases'],
      ['categories', 'attr:stadsdel'],
    ] as const) {
      const m = await codeMatrix(env.ctx, { project, rows, columns });
      for (const [ri, row] of m.rows.entries())
        for (const [ci, column] of m.columns.entries()) {
          const r = await exportQuotes(env.ctx, {
            project,
            cell: { rows, columns, row: row.id, column: column.key },
            format: 'csv',
          });
          expect(r.quotes, `${row.name} × ${column.label}`).toBe(m.cells[ri]?.[ci]);
        }
    }
  });

  it('names rows and columns by name too; the quotes are the cell’s own', async () => {
    const r = await exportQuotes(env.ctx, {
      project,
      cell: { rows: 'categories', columns: 'cases', row: 'Hinder', column: 'Albin' },
      format: 'csv',
    });
    expect(
      csvRows(r.bytes)
        .slice(1)
        .map((q) => q[5]),
    ).toEqual(['Media 😀 ger en farlig bild.', 'farlig bild. Tiden räcker inte.']);
    expect(r.fileName).toBe('studie-citat-hinder-albin.csv');
  });

  it('refuses an unknown row or column, and a request naming no quotes or two kinds, changing nothing', async () => {
    const cell = { rows: 'codes' as const, columns: 'cases', row: 'media', column: 'Albin' };
    await expectRefused(
      env.store,
      () => exportQuotes(env.ctx, { project, cell: { ...cell, row: 'okänd' } }),
      'quotes.row-not-found',
    );
    await expectRefused(
      env.store,
      () => exportQuotes(env.ctx, { project, cell: { ...cell, column: 'Bo' } }),
      'quotes.column-not-found',
    );
    await expectRefused(env.store, () => exportQuotes(env.ctx, { project }), 'quotes.what');
    await expectRefused(env.store, () => exportQuotes(env.ctx, { project, code: 'media', cell }), 'quotes.what');
    await expectRefused(env.store, () => exportQuotes(env.ctx, { project, code: 'okänd' }), 'code.not-found');
  });
});

describe('exportQuotes: a coding query and a smart code', () => {
  it('gives a query’s passages as quotes naming the codes that made them, narrowed by the filter', async () => {
    const both = await exportQuotes(env.ctx, { project, query: { expression: 'media AND tidsbrist' }, format: 'csv' });
    const rows = csvRows(both.bytes).slice(1);
    expect(rows.map((q) => [q[0], q[1], q[4], q[5]])).toEqual([['albin', 'Albin', 'media; tidsbrist', 'farlig bild.']]);
    expect(rows[0]?.[5]).toBe(await sliceOf('albin', Number(rows[0]?.[7]), Number(rows[0]?.[8])));
    const either = await exportQuotes(env.ctx, {
      project,
      query: { expression: 'media OR tidsbrist' },
      filter: { cases: ['Nermin', 'Cathrin'] },
      format: 'csv',
    });
    expect(
      csvRows(either.bytes)
        .slice(1)
        .map((q) => q[5]),
    ).toEqual(['Media igen 🙂.', 'Tidsbrist.']);
    await expectRefused(
      env.store,
      () => exportQuotes(env.ctx, { project, query: { expression: 'media AND (' } }),
      'query.syntax',
    );
  });

  it('gives a smart code’s passages as they are now, under its name', async () => {
    await saveSmartCode(env.ctx, { project, name: 'Mediebilden', expression: 'media', filter: { cases: ['Kristin'] } });
    const r = await exportQuotes(env.ctx, { project, smartCode: 'Mediebilden', format: 'docx' });
    expect(r.quotes).toBe(1);
    expect(r.fileName).toBe('studie-citat-mediebilden.docx');
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(r.bytes) });
    expect(value).toContain('Citat: Mediebilden');
    expect(value).toContain('Media stämplar områden.');
  });
});
