import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { officeBytes } from '../../src/formats/officeZip.js';
import { columnName, xlsxBook } from '../../src/formats/xlsxWrite.js';
import { convert, hasSoffice } from '../queries/office.js';

/** Cells a spreadsheet must read back as they were written: text is never run as a formula. */
const LONG = 'Det här är ett långt citat om försörjningsstöd och samverkan. '.repeat(200);
const ROWS: (string | number)[][] = [
  ['Källa', 'Citat', 'Början'],
  ['intervju-åäö', 'Vi når inte ut 😀, säger hon.', 0],
  ['intervju', "=cmd|' /C calc'!A0", 12],
  ['intervju', '+46 70 123 45 67', 1_000_000],
  ['intervju', '<b> & "citat" </b>', 7],
  ['intervju', LONG, 42],
];

function book(rows = ROWS): Uint8Array {
  return officeBytes(
    xlsxBook([
      { name: 'Citat', rows, widths: [24, 80, 8], boldFirstRow: true, frozen: { rows: 1, columns: 1 } },
      { name: 'Om', rows: [['Projekt', 'Studie']], boldFirstColumn: true },
    ]),
  );
}

async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

describe('xlsxWrite', () => {
  it('writes cells that read back as the same text and numbers; formula-like text stays text', async () => {
    const workbook = await readBack(book());
    const sheet = workbook.getWorksheet('Citat');
    const values = (n: number) => ((sheet?.getRow(n).values ?? []) as unknown[]).slice(1);
    ROWS.forEach((row, i) => {
      expect(values(i + 1)).toEqual(row);
    });
    for (let r = 1; r <= ROWS.length; r++)
      for (let c = 1; c <= 3; c++) expect(sheet?.getCell(r, c).type, `${r}:${c}`).not.toBe(ExcelJS.ValueType.Formula);
    expect(sheet?.getCell(1, 1).font?.bold).toBe(true);
    expect(sheet?.getCell(2, 1).font?.bold).not.toBe(true);
    expect(sheet?.getColumn(2).width).toBe(80);
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
    expect(((workbook.getWorksheet('Om')?.getRow(1).values ?? []) as unknown[]).slice(1)).toEqual(['Projekt', 'Studie']);
    expect(workbook.creator).toBe('Koda');
  });

  it('drops characters XML cannot carry instead of writing a file no spreadsheet opens', async () => {
    const workbook = await readBack(book([['a\u0001b\u000bc', 'ok\ud800', 'tab\tand\nline']]));
    const values = ((workbook.getWorksheet('Citat')?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(values).toEqual(['abc', 'ok', 'tab\tand\nline']);
  });

  it('compresses the sheet and keeps every entry a spreadsheet needs', () => {
    const rows = [
      ROWS[0] as (string | number)[],
      ...Array.from({ length: 5_000 }, (_, i) => ['intervju', `${i}: ${LONG.slice(0, 300)}`, i]),
    ];
    const bytes = book(rows);
    const entries = unzipSync(bytes);
    // Written a piece of XML a step: a server turns its event loop between steps.
    const writing = xlsxBook([{ name: 'Citat', rows }]);
    let steps = 0;
    while (!writing.next().done) steps++;
    expect(steps).toBeGreaterThan(4);
    expect(Object.keys(entries).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'docProps/core.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const plain = Object.values(entries).reduce((n, entry) => n + entry.length, 0);
    expect(plain).toBeGreaterThan(1_500_000);
    expect(bytes.length).toBeLessThan(plain / 5);
    // Each text once (the headers, "intervju", the 5,000 quotes, the second sheet's two): the rows name "intervju" by number.
    const table = new TextDecoder().decode(entries['xl/sharedStrings.xml']);
    expect(table.match(/<si>/g)).toHaveLength(3 + 1 + 5_000 + 2);
  });

  it('names columns past Z as spreadsheets do', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });

  it.skipIf(!hasSoffice)(
    'opens in LibreOffice with the same cells',
    () => {
      const csv = convert(book(), 'citat.xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76').toString('utf8');
      const lines = csv.trim().split(/\r?\n/);
      expect(lines[0]).toBe('Källa,Citat,Början');
      expect(lines[1]).toBe('intervju-åäö,"Vi når inte ut 😀, säger hon.",0');
      expect(lines[2]).toBe("intervju,=cmd|' /C calc'!A0,12");
      expect(lines[3]).toBe('intervju,+46 70 123 45 67,1000000');
      expect(lines[4]).toBe('intervju,"<b> & ""citat"" </b>",7');
      expect(lines[5]).toBe(`intervju,${LONG},42`);
    },
    120_000,
  );
});
