import type { Piece, TranscriptBlock } from '../core/transcript/codedTranscript.js';
import { safeColor, type TranscriptDocument } from './codedTranscriptHtml.js';
import { docxPackage, paragraph, run } from './docxWrite.js';
import type { OfficeWriting } from './officeZip.js';

/**
 * The coded transcript as a Word document: the legend, then a borderless table of two columns,
 * the text of each line (a speaker turn) on the left with a numbered mark where each segment
 * opens (`[3`) and closes (`3]`), its codes in the right-hand margin as a coloured bar with the
 * code's number and name (readable in black and white). A row is kept on one page where it fits.
 * Written as WordprocessingML text (docxWrite.ts), a row at a time: a transcript of a million
 * characters has thousands of rows.
 */

/** Widths of the text and margin columns in twentieths of a point (A4, default margins: 9,026 in all). */
const TEXT_WIDTH = 6_826;
const MARGIN_WIDTH = 2_200;

export function codedTranscriptDocx(doc: TranscriptDocument): OfficeWriting {
  return docxPackage({
    title: doc.title,
    language: doc.language === 'sv' ? 'sv-SE' : 'en-GB',
    spacingAfter: 80,
    body: transcriptBody(doc),
  });
}

function* transcriptBody(doc: TranscriptDocument): Generator<string> {
  const byNumber = new Map(doc.codes.map((c) => [c.number, c]));
  const hex = (n: number) => safeColor(byNumber.get(n)?.color ?? '').slice(1);
  yield paragraph(run(doc.title), 'Title');
  for (const m of doc.meta) yield paragraph(run(m, { italics: true }));
  yield paragraph(run(doc.legendHeading), 'Heading2');
  if (doc.codes.length === 0) yield paragraph(run(doc.empty));
  for (const c of doc.codes)
    yield paragraph(
      bar(hex(c.number)) + run(`${c.number} `, { bold: true }) + run(`${c.name} (${doc.segmentCount(c.segments)})`),
    );
  yield paragraph('');
  if (doc.blocks.length === 0) return;
  yield TABLE_START;
  const name = (n: number) => byNumber.get(n)?.name ?? '';
  for (const b of doc.blocks) yield row(b, name, hex);
  yield '</w:tbl>';
}

const cellWidth = (w: number) => `<w:tcPr><w:tcW w:w="${w}" w:type="dxa"/></w:tcPr>`;

const TABLE_START = `<w:tbl><w:tblPr><w:tblW w:w="${TEXT_WIDTH + MARGIN_WIDTH}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblCellMar><w:right w:w="200" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="${TEXT_WIDTH}"/><w:gridCol w:w="${MARGIN_WIDTH}"/></w:tblGrid>`;

/** A line of the transcript: its text with the marks, and its codes in the margin. */
function row(b: TranscriptBlock, name: (n: number) => string, hex: (n: number) => string): string {
  let text = '';
  for (const p of b.pieces) text += pieceRun(p, hex);
  let margin = '';
  for (const n of b.margin)
    margin += paragraph(bar(hex(n)) + run(`${n} `, { bold: true, size: 18 }) + run(name(n), { size: 18 }));
  return `<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc>${cellWidth(TEXT_WIDTH)}${paragraph(text)}</w:tc><w:tc>${cellWidth(MARGIN_WIDTH)}${margin || paragraph('')}</w:tc></w:tr>`;
}

function pieceRun(p: Piece, hex: (n: number) => string): string {
  if ('text' in p) return run(p.text);
  return run(p.mark === 'open' ? `[${p.code}` : `${p.code}]`, { bold: true, superscript: true, shade: lighten(hex(p.code)) });
}

/** The margin's bar: a block in the code's colour. */
const bar = (color: string) => run('\u258c ', { color });

/** A code's colour mixed 35 % into white: a mark's background that keeps its black number legible. */
function lighten(hex: string): string {
  const mix = (i: number) =>
    Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * 0.35 + 255 * 0.65)
      .toString(16)
      .padStart(2, '0');
  return `${mix(0)}${mix(2)}${mix(4)}`.toUpperCase();
}
