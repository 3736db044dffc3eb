import { extractText, getDocumentProxy } from 'unpdf';
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
    return (await extractText(doc, { mergePages: false })).text;
  } finally {
    await doc.destroy();
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
