import { docxPackage, paragraph, paragraphStyle, run } from './docxWrite.js';
import type { OfficeWriting } from './officeZip.js';
import type { Quote } from './quoteList.js';

/**
 * A list of quotes as a Word document (docxWrite.ts): a title, a line
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

export function quotesDocx(doc: QuoteDocument): OfficeWriting {
  return docxPackage({
    title: doc.title,
    language: doc.language === 'sv' ? 'sv-SE' : 'en-GB',
    spacingAfter: 120,
    styles: STYLES,
    body: quoteBlocks(doc),
  });
}

/** The body, a quote at a time: its paragraphs are made as the document is written. */
function* quoteBlocks(doc: QuoteDocument): Generator<string> {
  yield paragraph(run(doc.title), 'Title');
  yield paragraph(run(doc.meta, { italics: true }));
  if (doc.quotes.length === 0) yield paragraph(run(doc.empty, { italics: true }));
  for (const q of doc.quotes) {
    yield paragraph(run(q.text), 'KodaQuote') + paragraph(run(doc.attribution(q)), 'KodaAttribution');
    if (q.memo) yield paragraph(run(doc.memo(q.memo)), 'KodaMemo');
  }
}

const STYLES = [
  paragraphStyle({ id: 'KodaQuote', name: 'Koda Quote', indent: 720, before: 240, after: 60, keepNext: true }),
  paragraphStyle({
    id: 'KodaAttribution',
    name: 'Koda Attribution',
    indent: 720,
    after: 60,
    keepNext: true,
    run: { size: 18, color: '444444' },
  }),
  paragraphStyle({ id: 'KodaMemo', name: 'Koda Memo', indent: 720, after: 120, run: { italics: true, size: 18 } }),
];
