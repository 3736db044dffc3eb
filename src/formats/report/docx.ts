import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  type IXmlableObject,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ReportConcept, ReportFigure, ReportModel, ReportNode, ReportTable } from './model.js';
import { quoteLine } from './model.js';

/**
 * The results draft as a Word document (the `docx` package: real WordprocessingML, styles for
 * headings, quotes and captions, so the researcher edits it in Word or LibreOffice like their own
 * text). Figures are SVG with a PNG fallback: Word shows the SVG, LibreOffice the PNG.
 */
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** Widest figure on an A4 page with default margins, in pixels at 96 dpi. */
const PAGE_WIDTH_PX = 600;

export async function reportDocx(model: ReportModel): Promise<Uint8Array> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: model.meta, italics: true })] }),
  ];
  if (model.intro) children.push(new Paragraph(model.intro));
  const { table, figures } = model.overview;
  if (table || figures.length > 0) {
    children.push(heading(model.overview.heading, 0));
    if (table) children.push(caption(table.caption), tableOf(table), new Paragraph(''));
    for (const f of figures) children.push(figure(f), caption(f.caption));
  }
  if (model.methods) {
    children.push(heading(model.methods.heading, 0));
    for (const p of model.methods.paragraphs ?? []) children.push(new Paragraph(p));
    for (const t of model.methods.tables) children.push(caption(t.caption), tableOf(t), new Paragraph(''));
  }
  children.push(heading(model.results.heading, 0));
  for (const node of model.results.nodes) nodeParagraphs(node, children);
  for (const section of [model.theory, model.smartCodes]) {
    if (!section) continue;
    children.push(heading(section.heading, 0));
    for (const concept of section.concepts) conceptParagraphs(concept, children);
  }
  if (model.memos) {
    children.push(heading(model.memos.heading, 0));
    for (const m of model.memos.items) children.push(heading(m.title, 1), ...bodyParagraphs(m.body));
  }
  const doc = new Document({
    creator: 'Koda',
    title: model.title,
    styles: {
      default: {
        document: {
          run: { language: { value: model.language === 'sv' ? 'sv-SE' : 'en-GB' } },
          paragraph: { spacing: { after: 120 } },
        },
      },
      paragraphStyles: [
        {
          id: 'KodaQuote',
          name: 'Koda Quote',
          basedOn: 'Normal',
          next: 'Normal',
          paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 120, after: 120 } },
        },
        {
          id: 'KodaCaption',
          name: 'Koda Caption',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true },
          paragraph: { spacing: { before: 60, after: 180 } },
        },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

function nodeParagraphs(node: ReportNode, out: (Paragraph | Table)[]): void {
  out.push(heading(node.name, node.depth + 1));
  if (node.definition) out.push(new Paragraph(node.definition));
  if (node.cases) out.push(new Paragraph(node.cases));
  for (const q of node.quotes) {
    out.push(new QuoteParagraph(quoteLine(q)));
    if (q.memo) out.push(new Paragraph({ style: 'KodaQuote', children: [new TextRun({ text: q.memo, italics: true })] }));
  }
  if (node.empty) out.push(new Paragraph({ children: [new TextRun({ text: node.empty, italics: true })] }));
  for (const m of node.memos)
    out.push(new Paragraph({ children: [new TextRun({ text: `${m.title}: `, bold: true }), new TextRun(m.body)] }));
  for (const child of node.children) nodeParagraphs(child, out);
}

function conceptParagraphs(concept: ReportConcept, out: (Paragraph | Table)[]): void {
  out.push(heading(concept.name, 1));
  for (const line of [concept.definition, concept.reference, concept.codes]) if (line) out.push(new Paragraph(line));
  for (const q of concept.quotes) {
    out.push(new QuoteParagraph(quoteLine(q)));
    if (q.memo) out.push(new Paragraph({ style: 'KodaQuote', children: [new TextRun({ text: q.memo, italics: true })] }));
  }
  if (concept.empty) out.push(new Paragraph({ children: [new TextRun({ text: concept.empty, italics: true })] }));
  for (const m of concept.memos)
    out.push(new Paragraph({ children: [new TextRun({ text: `${m.title}: `, bold: true }), new TextRun(m.body)] }));
}

/**
 * A quote: a paragraph in the KodaQuote style with one run of text, written as the same XML
 * `new Paragraph({ style: 'KodaQuote', text })` gives (the `docx` package escapes the text), but
 * without building that paragraph's property objects: a report of 200,000 quotes is packed in
 * about half the time. Tied to the pinned `docx` version's XML objects; the LibreOffice test
 * reads the quotes back.
 */
class QuoteParagraph extends Paragraph {
  constructor(private readonly quote: string) {
    super({});
  }

  override prepForXml(): IXmlableObject {
    return {
      'w:p': [
        { 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': 'KodaQuote' } } }] },
        { 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, this.quote] }] },
      ],
    };
  }
}

const heading = (text: string, level: number) => new Paragraph({ text, heading: HEADINGS[Math.min(level, HEADINGS.length - 1)] });

const caption = (text: string) => new Paragraph({ style: 'KodaCaption', text });

function tableOf(table: ReportTable): Table {
  const row = (cells: string[], bold: boolean) =>
    new TableRow({
      tableHeader: bold,
      children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: c, bold })] })] })),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(table.header, true), ...table.rows.map((r) => row(r, false))],
  });
}

function figure(f: ReportFigure): Paragraph {
  const scale = Math.min(1, PAGE_WIDTH_PX / f.width);
  const size = { width: Math.round(f.width * scale), height: Math.round(f.height * scale) };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new ImageRun({
        type: 'svg',
        data: new TextEncoder().encode(f.svg),
        fallback: { type: 'png', data: f.png },
        transformation: size,
        altText: { name: f.name, description: f.caption, title: f.caption },
      }),
    ],
  });
}

function bodyParagraphs(text: string): Paragraph[] {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => new Paragraph(p.trim().replace(/\s*\n\s*/g, ' ')));
}
