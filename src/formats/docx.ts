import { zipSync } from 'fflate';
import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { detectTurns } from '../core/transcript/turns.js';
import type { ParsedSource } from './types.js';
import { readZip, ZIP_LIMITS, type ZipLimits } from './zip.js';

/** The parts of mammoth's document tree we read (its types are not exported). */
interface DocNode {
  type: string;
  value?: string;
  children?: DocNode[];
}

/**
 * Text of one paragraph. mammoth's own `extractRawText` drops line breaks (Shift+Enter),
 * gluing words together, so we walk its document tree ourselves.
 */
function inlineText(node: DocNode): string {
  switch (node.type) {
    case 'text':
      return node.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return '\n';
    case 'note':
    case 'comment':
      return '';
    default:
      return (node.children ?? []).map(inlineText).join('');
  }
}

function collectParagraphs(node: DocNode, out: string[]): void {
  if (node.type === 'paragraph') {
    const text = inlineText(node);
    if (text.trim() !== '') out.push(text);
    return;
  }
  for (const child of node.children ?? []) collectParagraphs(child, out);
}

/**
 * What mammoth may inflate of a docx: only its XML parts are read, and mammoth's document tree
 * takes about 66 times their size in memory (measured on Word-like XML with a run per word:
 * 10 MB peaked at 781 MB), so 8 MB keeps a docx import well under 1 GB. A 1,000,000-character
 * transcript saved by Word has about 3–6 MB of XML.
 */
export const DOCX_LIMITS: ZipLimits = { ...ZIP_LIMITS, maxEntryBytes: 8 * 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024 };

/** The parts mammoth reads to find the text: XML and relationships; pictures and the rest are left packed. */
const isTextPart = (name: string) => /\.(xml|rels)$/i.test(name);

/**
 * The docx's text parts, inflated under our limits, packed again unchanged and uncompressed:
 * mammoth (through JSZip, which trusts declared sizes) never sees the archive as sent.
 */
async function checkedDocx(bytes: Uint8Array, fileName: string): Promise<Buffer> {
  const parts = await readZip(bytes, fileName, 'docx', isTextPart, DOCX_LIMITS);
  return Buffer.from(zipSync(Object.fromEntries(parts), { level: 0 }));
}

/** Paragraphs of a docx body (tables cell by cell), empty paragraphs left out. */
async function docxParagraphs(docx: Buffer): Promise<string[]> {
  const paragraphs: string[] = [];
  // Loaded on the first docx import, not with the server (its memory at rest, issue 17).
  const { default: mammoth } = await import('mammoth');
  // convertToHtml is the public way to reach the document tree (transformDocument); its HTML
  // is discarded, and images are not read.
  await mammoth.convertToHtml(
    { buffer: docx },
    {
      externalFileAccess: false,
      convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
      transformDocument: (doc: DocNode) => {
        collectParagraphs(doc, paragraphs);
        return doc;
      },
    },
  );
  return paragraphs;
}

export async function importDocx(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  // OLE → encrypted or legacy .doc; not a zip → corrupt; a part too large or lying → refused.
  const docx = await checkedDocx(bytes, fileName);
  let paragraphs: string[];
  try {
    paragraphs = await docxParagraphs(docx);
  } catch {
    throw invalid('import.corrupt', { file: fileName, format: 'docx' });
  }
  const text = canonicalText(paragraphs.join('\n\n'));
  if (text.trim() === '') throw invalid('import.empty', { file: fileName });
  return {
    kind: 'docx',
    text,
    turns: detectTurns(text),
    metadata: { paragraphs: paragraphs.length },
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
}
