import ExcelJS from 'exceljs';

/**
 * Tables for spreadsheets: xlsx (ExcelJS) with a frozen, bold header row and a sheet describing
 * the table. Both the interview log (`tableXlsx`) and the code matrix (matrixExport.ts) are
 * written through `workbook`, so every sheet Koda writes looks and is named alike. All labels
 * come in the user's language from the caller.
 */

/** Lines of the information sheet: [label, value]. */
export interface AboutSheet {
  sheet: string;
  lines: [string, string][];
}

export interface SheetTable {
  sheet: string;
  header: string[];
  rows: (string | number)[][];
  about: AboutSheet;
}

/** Excel's rule for sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';

/**
 * A workbook of one table sheet (`header` bold and frozen with the first column, then `rows`)
 * and its information sheet; `layout` sets the table's column widths and fonts.
 */
export async function workbook(table: SheetTable, layout: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Koda';
  const sheet = book.addWorksheet(sheetName(table.sheet), { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  sheet.addRow(table.header);
  for (const r of table.rows) sheet.addRow(r);
  sheet.getRow(1).font = { bold: true };
  layout(sheet);
  const about = book.addWorksheet(sheetName(table.about.sheet));
  for (const line of table.about.lines) about.addRow(line);
  about.getColumn(1).font = { bold: true };
  about.getColumn(1).width = 24;
  about.getColumn(2).width = 60;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

/** A table of text (the interview log): each column as wide as its longest value, 8 to 40. */
export function tableXlsx(table: SheetTable): Promise<Uint8Array> {
  return workbook(table, (sheet) =>
    table.header.forEach((h, i) => {
      const longest = Math.max(h.length, ...table.rows.map((r) => String(r[i] ?? '').length));
      sheet.getColumn(i + 1).width = Math.min(40, Math.max(8, longest + 2));
    }),
  );
}
