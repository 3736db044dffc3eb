import { csvField, csvSeparator } from './csvWrite.js';
import type { OfficeWriting } from './officeZip.js';
import { textFile } from './pieces.js';
import { type AboutSheet, workbook } from './tableExport.js';

/**
 * A list of quotes (the retrieved segments of a code, a coding query or a matrix cell) as a table
 * for spreadsheets: one row per quote, csv (csvWrite.ts) or xlsx (tableExport.ts `workbook`).
 * A quote's `start`/`end` are code points of its source's canonical text, half-open: the place
 * REFI-QDA and Koda's own links name. All labels come in the user's language from the caller.
 */
export interface Quote {
  source: string;
  /** The case whose words these are (the turn's case, else the source's); null: no case. */
  case: string | null;
  speaker: string | null;
  /** The coding layer (coder) the segment is in; empty for a query hit made of several layers' segments. */
  coder: string;
  /** The codes whose segments made the quote (one for a code's or a cell's quotes). */
  codes: string[];
  text: string;
  memo: string;
  start: number;
  end: number;
}

/** Column headers, in the order of the columns. */
export interface QuoteHeaders {
  source: string;
  case: string;
  speaker: string;
  coder: string;
  codes: string;
  text: string;
  memo: string;
  start: string;
  end: string;
}

export interface QuoteTable {
  headers: QuoteHeaders;
  quotes: readonly Quote[];
  /** Sheet name of the quotes. */
  sheet: string;
  about: AboutSheet;
}

const COLUMNS = ['source', 'case', 'speaker', 'coder', 'codes', 'text', 'memo', 'start', 'end'] as const;

function cells(q: Quote): (string | number)[] {
  return [q.source, q.case ?? '', q.speaker ?? '', q.coder, q.codes.join('; '), q.text, q.memo, q.start, q.end];
}

/**
 * The quotes as csv, separated as a spreadsheet in `language` expects (csvSeparator), in pieces
 * (pieces.ts) a record at a time, without an array of every field.
 */
export function quotesCsv(table: QuoteTable, language: string): Iterable<string> {
  const sep = csvSeparator(language);
  return textFile(function* () {
    yield `\uFEFF${COLUMNS.map((c) => csvField(table.headers[c], sep)).join(sep)}\r\n`;
    for (const q of table.quotes)
      yield `${cells(q)
        .map((v) => csvField(v, sep))
        .join(sep)}\r\n`;
  });
}

/** Column widths in characters: the text wide, the places narrow. */
const WIDTHS = [24, 16, 12, 12, 24, 80, 40, 8, 8];

export function quotesXlsx(table: QuoteTable): OfficeWriting {
  const sheet = {
    sheet: table.sheet,
    header: COLUMNS.map((c) => table.headers[c]),
    // A row's cells are made as the sheet is written, so the quotes are never held twice.
    rows: (function* () {
      for (const q of table.quotes) yield cells(q);
    })(),
    about: table.about,
  };
  return workbook(sheet, { widths: WIDTHS });
}
