import { Document, HeadingLevel, type IXmlableObject, Packer, Paragraph, TextRun } from 'docx';
import type { Quote } from './quoteList.js';

/**
 * A list of quotes as a Word document (the `docx` package, as the results draft): a title, a line
 * saying what the quotes are, then one block per quote: the quote in the KodaQuote style, an
 * attribution line (case, speaker, source, place, code, coder) and its memo. The researcher edits
 * it like their own text.
 */
export interface QuoteDocument {
  title: string;
  /** What the quotes are: the project, the date, the filter, how many. */
  meta: string;
  language: string;
  quotes: readonly Quote[];
  /** The attribution line of a quote, in the user's language. */
  attribution: (q: Quote) => string;
  /** A memo's line, e.g. "Memo: …". */
  memo: (text: string) => string;
  /** Said when there are no quotes. */
  empty: string;
}

export async function quotesDocx(doc: QuoteDocument): Promise<Uint8Array> {
  const children: Paragraph[] = [
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: doc.meta, italics: true })] }),
  ];
  if (doc.quotes.length === 0) children.push(new Paragraph({ children: [new TextRun({ text: doc.empty, italics: true })] }));
  for (const q of doc.quotes) {
    children.push(new StyledText('KodaQuote', q.text), new StyledText('KodaAttribution', doc.attribution(q)));
    if (q.memo) children.push(new StyledText('KodaMemo', doc.memo(q.memo)));
  }
  const document = new Document({
    creator: 'Koda',
    title: doc.title,
    styles: {
      default: {
        document: {
          run: { language: { value: doc.language === 'sv' ? 'sv-SE' : 'en-GB' } },
          paragraph: { spacing: { after: 120 } },
        },
      },
      paragraphStyles: [
        {
          id: 'KodaQuote',
          name: 'Koda Quote',
          basedOn: 'Normal',
          next: 'Normal',
          paragraph: { indent: { left: 720, right: 720 }, spacing: { before: 240, after: 60 }, keepNext: true },
        },
        {
          id: 'KodaAttribution',
          name: 'Koda Attribution',
          basedOn: 'Normal',
          next: 'Normal',
          run: { size: 18, color: '444444' },
          paragraph: { indent: { left: 720, right: 720 }, spacing: { after: 60 }, keepNext: true },
        },
        {
          id: 'KodaMemo',
          name: 'Koda Memo',
          basedOn: 'Normal',
          next: 'Normal',
          run: { italics: true, size: 18 },
          paragraph: { indent: { left: 720, right: 720 }, spacing: { after: 120 } },
        },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

/**
 * A paragraph of one style and one run of text, written as the XML `new Paragraph({ style, text })`
 * gives (the package escapes the text) without building its property objects: thousands of
 * quotes pack in about half the time (as the results draft's QuoteParagraph).
 */
export class StyledText extends Paragraph {
  constructor(
    private readonly styleId: string,
    private readonly words: string,
  ) {
    super({});
  }

  override prepForXml(): IXmlableObject {
    return {
      'w:p': [
        { 'w:pPr': [{ 'w:pStyle': { _attr: { 'w:val': this.styleId } } }] },
        { 'w:r': [{ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, this.words] }] },
      ],
    };
  }
}
