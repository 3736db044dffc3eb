import mammoth from 'mammoth';
import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { detectTurns } from '../core/transcript/turns.js';
import type { ParsedSource } from './types.js';
import { readZip } from './zip.js';

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

/** Paragraphs of a docx body (tables cell by cell), empty paragraphs left out. */
async function docxParagraphs(bytes: Uint8Array): Promise<string[]> {
  const paragraphs: string[] = [];
  // convertToHtml is the public way to reach the document tree (transformDocument); its HTML
  // is discarded, and images are not read.
  await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
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
  // Checks the zip (OLE → encrypted or legacy .doc; not a zip → corrupt; zip-bomb limits)
  // before mammoth unpacks it without limits.
  await readZip(bytes, fileName, 'docx', []);
  let paragraphs: string[];
  try {
    paragraphs = await docxParagraphs(bytes);
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
