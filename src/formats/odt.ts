import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { detectTurns } from '../core/transcript/turns.js';
import type { ParsedSource } from './types.js';
import { readXml, type XmlElement, type XmlProblem } from './xml.js';
import { readZip, ZIP_LIMITS, type ZipLimits } from './zip.js';

/** Elements (local names) whose text is not the running text (notes, comments, frames, edits). */
const SKIP = new Set([
  'note',
  'annotation',
  'tracked-changes',
  'frame',
  'custom-shape',
  'forms',
  'sequence-decls',
  'font-face-decls',
  'automatic-styles',
]);

/** Paragraph text by the ODF whitespace rules: runs of white space collapse to one space. */
class ParagraphText {
  private out = '';
  private lastWasCollapsed = false;

  text(decoded: string): void {
    for (const ch of decoded) {
      if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
        if (this.out === '' || this.lastWasCollapsed) continue;
        this.out += ' ';
        this.lastWasCollapsed = true;
      } else this.literal(ch);
    }
  }

  literal(s: string): void {
    this.out += s;
    this.lastWasCollapsed = false;
  }

  result(): string {
    return this.lastWasCollapsed ? this.out.slice(0, -1) : this.out;
  }
}

function collectInline(content: (XmlElement | string)[], para: ParagraphText): void {
  for (const node of content) {
    if (typeof node === 'string') para.text(node);
    else if (node.name === 's') {
      const count = Math.min(Math.max(Number(node.attrs.c ?? 1) || 1, 1), 1000);
      para.literal(' '.repeat(count));
    } else if (node.name === 'tab') para.literal('\t');
    else if (node.name === 'line-break') para.literal('\n');
    else if (!SKIP.has(node.name)) collectInline(node.content, para);
  }
}

function collectParagraphs(el: XmlElement, out: string[]): void {
  if (el.name === 'p' || el.name === 'h') {
    const para = new ParagraphText();
    collectInline(el.content, para);
    const text = para.result();
    if (text.trim() !== '') out.push(text);
  } else if (!SKIP.has(el.name)) for (const child of el.children) collectParagraphs(child, out);
}

/** ODF nests lists, tables and frames, but nowhere near this deep. */
const ODT_XML_LIMITS = { maxChars: 16 * 1024 * 1024, maxDepth: 256 };

function refuse(problem: XmlProblem, file: string) {
  switch (problem.kind) {
    case 'too-large':
      return invalid('import.too-large', { file });
    case 'too-deep':
      return invalid('xml.too-deep', { file, depth: problem.depth });
    case 'bad-character':
      return invalid('xml.bad-character', { file, reference: problem.reference });
    default:
      return invalid('import.corrupt', { file, format: 'odt' });
  }
}

/** Paragraphs (text:p, text:h) of an ODF content.xml, empty ones left out. */
export function odfParagraphs(xml: string, file: string): string[] {
  const paragraphs: string[] = [];
  collectParagraphs(readXml(xml, file, { limits: ODT_XML_LIMITS, refuse }), paragraphs);
  return paragraphs;
}

/** The parts read: the text, and the manifest that tells an encrypted document. */
const ODT_PARTS = ['content.xml', 'META-INF/manifest.xml'];

/**
 * What an odt may inflate: the parser's tree and the guarded reader's element tree of content.xml
 * take about 26 times its size in memory (16 MB with a span per word peaked at 441 MB), so 16 MB
 * keeps an odt import well under 1 GB.
 */
export const ODT_LIMITS: ZipLimits = { ...ZIP_LIMITS, maxEntryBytes: 16 * 1024 * 1024, maxTotalBytes: 16 * 1024 * 1024 };

export async function importOdt(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const entries = await readZip(bytes, fileName, 'odt', (name) => ODT_PARTS.includes(name), ODT_LIMITS);
  const manifest = entries.get('META-INF/manifest.xml')?.toString('utf8') ?? '';
  if (manifest.includes('encryption-data')) {
    throw invalid('import.encrypted-or-legacy', { file: fileName });
  }
  const content = entries.get('content.xml');
  if (!content) throw invalid('import.corrupt', { file: fileName, format: 'odt' });
  let xml: string;
  try {
    xml = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw invalid('import.corrupt', { file: fileName, format: 'odt' });
  }
  const paragraphs = odfParagraphs(xml, fileName);
  const text = canonicalText(paragraphs.join('\n\n'));
  if (text.trim() === '') throw invalid('import.empty', { file: fileName });
  return {
    kind: 'odt',
    text,
    turns: detectTurns(text),
    metadata: { paragraphs: paragraphs.length },
    mediaType: 'application/vnd.oasis.opendocument.text',
  };
}
