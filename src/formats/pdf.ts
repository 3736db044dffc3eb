import { getDocumentProxy } from 'unpdf';
import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { detectTurns } from '../core/transcript/turns.js';
import type { ParsedSource } from './types.js';

/** pdf.js pages as text; the error names are pdf.js's own exception classes. */
async function pdfPages(bytes: Uint8Array, file: string): Promise<string[]> {
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js may take ownership of (detach) the array it is given: pass a copy.
    doc = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0, isEvalSupported: false });
  } catch (err) {
    if ((err as Error)?.name === 'PasswordException') {
      throw invalid('import.encrypted-or-legacy', { file });
    }
    throw invalid('import.corrupt', { file, format: 'pdf' });
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) pages.push(await pageText(doc, n));
    return pages;
  } finally {
    await doc.destroy();
  }
}

/**
 * One page's text, as unpdf's extractText joins it. Pages are read one at a time and released:
 * extractText reads them all at once, which took 1.2 GB for a 24 MB PDF of 5,400 pages.
 */
async function pageText(doc: Awaited<ReturnType<typeof getDocumentProxy>>, n: number): Promise<string> {
  const page = await doc.getPage(n);
  try {
    const content = await page.getTextContent();
    return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
  } finally {
    page.cleanup();
  }
}

export async function importPdf(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const pages = await pdfPages(bytes, fileName);
  // Pages without text (scans, blank pages) are left out rather than leaving gaps.
  const withText = pages.map((p) => p.trim()).filter((p) => p !== '');
  const text = canonicalText(withText.join('\n\n'));
  if (text.trim() === '') throw invalid('import.no-text-layer', { file: fileName });
  return {
    kind: 'pdf',
    text,
    turns: detectTurns(text),
    metadata: { pages: pages.length },
    mediaType: 'application/pdf',
  };
}
