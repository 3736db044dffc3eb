import { csvSeparator, csvText } from './csvWrite.js';
import type { OfficeWriting } from './officeZip.js';
import { type AboutSheet, workbook } from './tableExport.js';

/**
 * A code matrix as a table for spreadsheets: xlsx (tableExport.ts) with a frozen header row and code
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
  about: AboutSheet;
}

/** The matrix as csv, separated as a spreadsheet in `language` expects (csvSeparator). */
export function matrixCsv(table: MatrixTable, language: string): Uint8Array {
  const rows: (string | number)[][] = [[table.corner, ...table.columns, table.total]];
  for (const r of table.rows) rows.push([r.label, ...r.cells, r.total]);
  return new TextEncoder().encode(csvText(rows, csvSeparator(language)));
}

export function matrixXlsx(table: MatrixTable): OfficeWriting {
  const sheet = {
    sheet: table.sheet,
    header: [table.corner, ...table.columns, table.total],
    rows: table.rows.map((r) => [r.label, ...r.cells, r.total]),
    about: table.about,
  };
  const widths = [
    Math.min(60, Math.max(12, ...table.rows.map((r) => r.label.length + 2))),
    ...[...table.columns, undefined].map((c) => Math.min(30, Math.max(8, (c?.length ?? 6) + 2))),
  ];
  return workbook(sheet, { widths, boldFirstColumn: true });
}
