import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/formats/csvTable.js';
import { koda } from './run.js';

const TRANSCRIPT = 'I: Vad gör du?\n\nAlbin: Jag arbetar med 😀 trygghet.\n\nI: Och media?\n\nAlbin: Media ger en farlig bild.\n';
const QUOTE = 'Media ger en farlig bild';

let dir: string;
let data: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-quotes-'));
  data = join(dir, 'data');
  writeFileSync(join(dir, 'albin.txt'), TRANSCRIPT);
  expect((await koda(data, ['project', 'create', 'Omega', '--language', 'en'])).code).toBe(0);
  expect((await koda(data, ['case', 'add', '--project', 'Omega', 'Albin', '--attr', 'stadsdel=W'])).code).toBe(0);
  expect((await koda(data, ['source', 'import', '--project', 'Omega', '--case', 'Albin', join(dir, 'albin.txt')])).code).toBe(0);
  expect((await koda(data, ['codebook', 'template', '--project', 'Omega', 'traffic-light'])).code).toBe(0);
  const start = [...TRANSCRIPT.slice(0, TRANSCRIPT.indexOf(QUOTE))].length;
  const add = ['segment', 'add', '--project', 'Omega', '--source', 'albin', '--code', 'media'];
  expect((await koda(data, [...add, '--start', String(start), '--end', String(start + QUOTE.length)])).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('koda export quotes and koda export transcript', () => {
  it('writes a code’s quotes as csv, docx and xlsx, the format from the file name', async () => {
    const csv = join(dir, 'media.csv');
    const r = await koda(data, ['export', 'quotes', '--project', 'Omega', '--code', 'media', '--out', csv]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`Wrote 1 quote to ${csv}.`);
    const rows = parseCsv(readFileSync(csv, 'utf8')).rows;
    expect(rows[0]?.slice(0, 6)).toEqual(['Source', 'Case', 'Speaker', 'Coder', 'Codes', 'Quote']);
    expect(rows[1]?.slice(0, 6)).toEqual(['albin', 'Albin', 'Albin', 'anna', 'media', QUOTE]);

    const docx = join(dir, 'media.docx');
    expect((await koda(data, ['export', 'quotes', '--project', 'Omega', '--code', 'media', '--out', docx])).code).toBe(0);
    const { value } = await mammoth.extractRawText({ buffer: readFileSync(docx) });
    expect(value).toContain(QUOTE);
    expect(value).toContain('— Albin, albin');

    const xlsx = join(dir, 'hinder.xlsx');
    const json = await koda(data, ['export', 'quotes', '--project', 'Omega', '--code', 'Obstacles', '--out', xlsx, '--json']);
    expect(json.code).toBe(0);
    expect(json.json()).toMatchObject({ format: 'xlsx', quotes: 1, file: xlsx });
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes a matrix cell’s and a coding query’s quotes, and keeps only what the filter passes', async () => {
    const file = join(dir, 'cell.csv');
    const cell = ['--row', 'media', '--column', 'Albin'];
    expect((await koda(data, ['export', 'quotes', '--project', 'Omega', ...cell, '--out', file, '--json'])).json()).toMatchObject(
      {
        quotes: 1,
      },
    );
    const filtered = await koda(data, [
      ...['export', 'quotes', '--project', 'Omega', '--code', 'media', '--attr', 'stadsdel=X', '--out', file, '--json'],
    ]);
    expect(filtered.json()).toMatchObject({ quotes: 0 });
    const interviewer = await koda(data, [
      ...['export', 'quotes', '--project', 'Omega', '--code', 'media', '--speaker', 'interviewer', '--out', file, '--json'],
    ]);
    expect(interviewer.json()).toMatchObject({ quotes: 0 });
    const query = await koda(data, [
      'export',
      'quotes',
      '--project',
      'Omega',
      '--query',
      'media OR Strategies',
      '--out',
      file,
      '--json',
    ]);
    expect(query.json()).toMatchObject({ quotes: 1 });
    expect(parseCsv(readFileSync(file, 'utf8')).rows[1]?.[5]).toBe(QUOTE);
  });

  it('writes a source’s coded transcript as HTML and docx', async () => {
    const html = join(dir, 'albin.html');
    const r = await koda(data, ['export', 'transcript', '--project', 'Omega', '--source', 'albin', '--out', html]);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('Wrote the coded transcript of "albin" (1 segments)');
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Albin: Jag arbetar med 😀 trygghet.');
    expect(page).toContain('media');
    const docx = join(dir, 'albin.docx');
    expect((await koda(data, ['export', 'transcript', '--project', 'Omega', '--source', 'albin', '--out', docx])).code).toBe(0);
    expect((await mammoth.extractRawText({ buffer: readFileSync(docx) })).value).toContain('Albin: Jag arbetar med 😀 trygghet.');
  });

  it('says in one line what is wrong, writing no file; a plain export is still the REFI-QDA project', async () => {
    const file = join(dir, 'x.csv');
    const none = await koda(data, ['export', 'quotes', '--project', 'Omega', '--out', file]);
    expect(none.code).toBe(1);
    expect(none.stderr).toBe('koda: Say whose quotes to export: one code, coding query, smart code or matrix cell.\n');
    const unknown = await koda(data, ['export', 'quotes', '--project', 'Omega', '--code', 'okänd', '--out', file]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n')).toHaveLength(2);
    const what = await koda(data, ['export', 'citat', '--project', 'Omega', '--out', file]);
    expect(what.code).toBe(1);
    expect(existsSync(file)).toBe(false);
    const qdpx = join(dir, 'omega.qdpx');
    expect((await koda(data, ['export', '--project', 'Omega', '--out', qdpx])).code).toBe(0);
    expect(existsSync(qdpx)).toBe(true);
  });
});
