import ExcelJS from 'exceljs';
import { csvSeparator, csvText } from './csvWrite.js';

/**
 * A code matrix as a table for spreadsheets: xlsx (ExcelJS) with a frozen header row and code
 * column and a sheet describing what the numbers are, or csv (csvWrite.ts). All labels come in
 * the user's language from the caller.
 */
export interface MatrixTable {
  /** Header of the first column, e.g. "Kod". */
  corner: string;
  columns: string[];
  /** Header of the total column. */
  total: string;
  rows: { label: string; cells: number[]; total: number }[];
  /** Sheet name of the matrix. */
  sheet: string;
  /** Lines of the information sheet: [label, value]. */
  about: { sheet: string; lines: [string, string][] };
}

/** The matrix as csv, separated as a spreadsheet in `language` expects (csvSeparator). */
export function matrixCsv(table: MatrixTable, language: string): Uint8Array {
  const rows: (string | number)[][] = [[table.corner, ...table.columns, table.total]];
  for (const r of table.rows) rows.push([r.label, ...r.cells, r.total]);
  return new TextEncoder().encode(csvText(rows, csvSeparator(language)));
}

export async function matrixXlsx(table: MatrixTable): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Koda';
  const sheet = book.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.addRow([table.corner, ...table.columns, table.total]);
  for (const r of table.rows) sheet.addRow([r.label, ...r.cells, r.total]);
  sheet.getRow(1).font = { bold: true };
  sheet.getColumn(1).font = { bold: true };
  sheet.getColumn(1).width = Math.min(60, Math.max(12, ...table.rows.map((r) => r.label.length + 2)));
  for (let c = 2; c <= table.columns.length + 2; c++)
    sheet.getColumn(c).width = Math.min(30, Math.max(8, (table.columns[c - 2]?.length ?? 6) + 2));
  const about = book.addWorksheet(sheetName(table.about.sheet));
  for (const line of table.about.lines) about.addRow(line);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 60;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** Excel's rule for sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
