import { Document, HeadingLevel, type IXmlableObject, Packer, Paragraph, TextRun } from 'docx';
import type { Piece, TranscriptBlock } from '../core/transcript/codedTranscript.js';
import { safeColor, type TranscriptDocument } from './codedTranscriptHtml.js';

/**
 * The coded transcript as a Word document: the legend, then a borderless table of two columns,
 * the text of each line (a speaker turn) on the left with a numbered mark where each segment
 * opens (`[3`) and closes (`3]`), its codes in the right-hand margin as a coloured bar with the
 * code's number and name (readable in black and white). A row is kept on one page where it fits.
 *
 * The table is written as WordprocessingML objects directly (as the results draft's quotes): a
 * transcript of a million characters has thousands of rows, and the package's own objects for each
 * run and cell took several times as long to pack.
 */

/** Widths of the text and margin columns in twentieths of a point (A4, default margins: 9,026 in all). */
const TEXT_WIDTH = 6_826;
const MARGIN_WIDTH = 2_200;

export async function codedTranscriptDocx(doc: TranscriptDocument): Promise<Uint8Array> {
  const byNumber = new Map(doc.codes.map((c) => [c.number, c]));
  const hex = (n: number) => safeColor(byNumber.get(n)?.color ?? '').slice(1);
  const children: Paragraph[] = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    ...doc.meta.map((m) => new Paragraph({ children: [new TextRun({ text: m, italics: true })] })),
    new Paragraph({ text: doc.legendHeading, heading: HeadingLevel.HEADING_2 }),
  ];
  if (doc.codes.length === 0) children.push(new Paragraph(doc.empty));
  for (const c of doc.codes)
    children.push(
      new Raw(
        paragraph([bar(hex(c.number)), run(`${c.number} `, { bold: true }), run(`${c.name} (${doc.segmentCount(c.segments)})`)]),
      ),
    );
  children.push(new Paragraph(''));
  if (doc.blocks.length > 0) children.push(new Raw(table(doc.blocks, (n) => byNumber.get(n)?.name ?? '', hex)));
  const document = new Document({
    creator: 'Koda',
    title: doc.title,
    styles: {
      default: {
        document: {
          run: { language: { value: doc.language === 'sv' ? 'sv-SE' : 'en-GB' } },
          paragraph: { spacing: { after: 80 } },
        },
      },
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** A body element given as its XML objects. */
class Raw extends Paragraph {
  constructor(private readonly xml: IXmlableObject) {
    super({});
  }

  override prepForXml(): IXmlableObject {
    return this.xml;
  }
}

function table(blocks: readonly TranscriptBlock[], name: (n: number) => string, hex: (n: number) => string): IXmlableObject {
  const width = (w: number) => ({ 'w:tcW': { _attr: { 'w:w': w, 'w:type': 'dxa' } } });
  const rows = blocks.map((b) => ({
    'w:tr': [
      { 'w:trPr': [{ 'w:cantSplit': {} }] },
      { 'w:tc': [{ 'w:tcPr': [width(TEXT_WIDTH)] }, paragraph(b.pieces.map((p) => pieceRun(p, hex)))] },
      {
        'w:tc': [
          { 'w:tcPr': [width(MARGIN_WIDTH)] },
          ...(b.margin.length === 0
            ? [paragraph([])]
            : b.margin.map((n) =>
                paragraph([bar(hex(n)), run(`${n} `, { bold: true, small: true }), run(name(n), { small: true })]),
              )),
        ],
      },
    ],
  }));
  return {
    'w:tbl': [
      {
        'w:tblPr': [
          { 'w:tblW': { _attr: { 'w:w': TEXT_WIDTH + MARGIN_WIDTH, 'w:type': 'dxa' } } },
          { 'w:tblLayout': { _attr: { 'w:type': 'fixed' } } },
          { 'w:tblCellMar': [{ 'w:right': { _attr: { 'w:w': 200, 'w:type': 'dxa' } } }] },
        ],
      },
      { 'w:tblGrid': [{ 'w:gridCol': { _attr: { 'w:w': TEXT_WIDTH } } }, { 'w:gridCol': { _attr: { 'w:w': MARGIN_WIDTH } } }] },
      ...rows,
    ],
  };
}

function pieceRun(p: Piece, hex: (n: number) => string): IXmlableObject {
  if ('text' in p) return run(p.text);
  return run(p.mark === 'open' ? `[${p.code}` : `${p.code}]`, { bold: true, superscript: true, shade: hex(p.code) });
}

const paragraph = (runs: IXmlableObject[]): IXmlableObject => ({ 'w:p': runs });

/** The margin's bar: a block in the code's colour. */
const bar = (color: string) => run('\u258c ', { color });

function run(
  text: string,
  o: { bold?: boolean; small?: boolean; superscript?: boolean; color?: string; shade?: string } = {},
): IXmlableObject {
  const props: IXmlableObject[] = [];
  if (o.bold) props.push({ 'w:b': {} });
  if (o.color) props.push({ 'w:color': { _attr: { 'w:val': o.color } } });
  if (o.small) props.push({ 'w:sz': { _attr: { 'w:val': 18 } } });
  if (o.shade) props.push({ 'w:shd': { _attr: { 'w:val': 'clear', 'w:color': 'auto', 'w:fill': lighten(o.shade) } } });
  if (o.superscript) props.push({ 'w:vertAlign': { _attr: { 'w:val': 'superscript' } } });
  const t = { 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, text] };
  return { 'w:r': props.length > 0 ? [{ 'w:rPr': props }, t] : [t] };
}

/** A code's colour mixed 35 % into white: a mark's background that keeps its black number legible. */
function lighten(hex: string): string {
  const mix = (i: number) =>
    Math.round(Number.parseInt(hex.slice(i, i + 2), 16) * 0.35 + 255 * 0.65)
      .toString(16)
      .padStart(2, '0');
  return `${mix(0)}${mix(2)}${mix(4)}`.toUpperCase();
}
