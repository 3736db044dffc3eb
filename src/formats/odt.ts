import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { detectTurns } from '../core/transcript/turns.js';
import type { ParsedSource } from './types.js';
import { readZip, ZIP_LIMITS, type ZipLimits } from './zip.js';

type XNode = Record<string, unknown>;

/** Elements whose text is not the document's running text (notes, comments, frames, edits). */
const SKIP = new Set([
  'text:note',
  'office:annotation',
  'text:tracked-changes',
  'draw:frame',
  'draw:custom-shape',
  'office:forms',
  'text:sequence-decls',
  'office:font-face-decls',
  'office:automatic-styles',
]);

// Entities are left raw by the parser (no DOCTYPE or external entities can expand); we decode
// the five predefined ones and character references ourselves.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

const tagOf = (node: XNode) => Object.keys(node).find((k) => k !== ':@') ?? '';
const childrenOf = (node: XNode) => {
  const c = node[tagOf(node)];
  return Array.isArray(c) ? (c as XNode[]) : [];
};

/** Paragraph text by the ODF whitespace rules: runs of white space collapse to one space. */
class ParagraphText {
  private out = '';
  private lastWasCollapsed = false;

  text(raw: string): void {
    for (const ch of decodeEntities(raw)) {
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

function collectInline(nodes: XNode[], para: ParagraphText): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text') para.text(String(node['#text']));
    else if (tag === 'text:s') {
      const attrs = (node[':@'] ?? {}) as Record<string, string>;
      const count = Math.min(Math.max(Number(attrs['text:c'] ?? 1) || 1, 1), 1000);
      para.literal(' '.repeat(count));
    } else if (tag === 'text:tab') para.literal('\t');
    else if (tag === 'text:line-break') para.literal('\n');
    else if (!SKIP.has(tag)) collectInline(childrenOf(node), para);
  }
}

function collectParagraphs(nodes: XNode[], out: string[]): void {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === 'text:p' || tag === 'text:h') {
      const para = new ParagraphText();
      collectInline(childrenOf(node), para);
      const text = para.result();
      if (text.trim() !== '') out.push(text);
    } else if (!SKIP.has(tag) && tag !== '#text') collectParagraphs(childrenOf(node), out);
  }
}

/** Paragraphs (text:p, text:h) of an ODF content.xml, empty ones left out. */
export function odfParagraphs(xml: string, file: string): string[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml) || XMLValidator.validate(xml) !== true) {
    throw invalid('import.corrupt', { file, format: 'odt' });
  }
  const paragraphs: string[] = [];
  collectParagraphs(parser.parse(xml) as XNode[], paragraphs);
  return paragraphs;
}

/** The parts read: the text, and the manifest that tells an encrypted document. */
const ODT_PARTS = ['content.xml', 'META-INF/manifest.xml'];

/**
 * What an odt may inflate: the parsed tree of content.xml takes about 14 times its size in
 * memory (10 MB with a span per word peaked at 221 MB), so 16 MB keeps an odt import well under 1 GB.
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
