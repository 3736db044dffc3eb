import ExcelJS from 'exceljs';
import { sheetName } from './matrixExport.js';

/**
 * A table of text for spreadsheets (the interview log): xlsx (ExcelJS, as matrixExport.ts) with
 * a frozen, bold header row and a sheet describing it. All labels come in the user's language
 * from the caller.
 */
export interface SheetTable {
  sheet: string;
  header: string[];
  rows: (string | number)[][];
  /** Lines of the information sheet: [label, value]. */
  about: { sheet: string; lines: [string, string][] };
}

export async function tableXlsx(table: SheetTable): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Koda';
  const sheet = book.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.addRow(table.header);
  for (const r of table.rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  table.header.forEach((h, i) => {
    const longest = Math.max(h.length, ...table.rows.map((r) => String(r[i] ?? '').length));
    sheet.getColumn(i + 1).width = Math.min(40, Math.max(8, longest + 2));
  });
  const about = book.addWorksheet(sheetName(table.about.sheet));
  for (const line of table.about.lines) about.addRow(line);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 60;
  return new Uint8Array(await book.xlsx.writeBuffer());
}
