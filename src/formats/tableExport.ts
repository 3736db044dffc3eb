import type { OfficeWriting } from './officeZip.js';
import { type Cell, xlsxBook } from './xlsxWrite.js';

/**
 * Tables for spreadsheets: xlsx (xlsxWrite.ts) with a frozen, bold header row and a sheet
 * describing the table. The interview log (`tableXlsx`), the code matrix (matrixExport.ts) and the
 * quote list (quoteList.ts) are all written through `workbook`, so every sheet Koda writes looks
 * and is named alike. All labels come in the user's language from the caller.
 */

/** Lines of the information sheet: [label, value]. */
export interface AboutSheet {
  sheet: string;
  lines: [string, string][];
}

export interface SheetTable {
  sheet: string;
  header: string[];
  rows: Iterable<readonly Cell[]>;
  about: AboutSheet;
}

/** Excel's rule for sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';

/** How the table sheet is laid out: its column widths in characters, its first column bold or not. */
export interface SheetLayout {
  widths: readonly number[];
  boldFirstColumn?: boolean;
}

/**
 * A workbook of one table sheet (`header` bold and frozen with the first column, then `rows`)
 * and its information sheet (labels bold).
 */
export function workbook(table: SheetTable, layout: SheetLayout): OfficeWriting {
  return xlsxBook([
    {
      name: sheetName(table.sheet),
      rows: withHeader(table.header, table.rows),
      widths: layout.widths,
      boldFirstRow: true,
      boldFirstColumn: layout.boldFirstColumn,
      frozen: { rows: 1, columns: 1 },
    },
    { name: sheetName(table.about.sheet), rows: table.about.lines, widths: [24, 60], boldFirstColumn: true },
  ]);
}

function* withHeader(header: readonly Cell[], rows: Iterable<readonly Cell[]>): Generator<readonly Cell[]> {
  yield header;
  yield* rows;
}

/** A table of text (the interview log): each column as wide as its longest value, 8 to 40. */
export function tableXlsx(table: SheetTable & { rows: readonly (readonly Cell[])[] }): OfficeWriting {
  const widths = table.header.map((h, i) => {
    const longest = Math.max(h.length, ...table.rows.map((r) => String(r[i] ?? '').length));
    return Math.min(40, Math.max(8, longest + 2));
  });
  return workbook(table, { widths });
}
