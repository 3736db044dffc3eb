import { XMLParser, XMLValidator } from 'fast-xml-parser';
import yauzl from 'yauzl';
import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { detectTurns } from '../core/transcript/turns.js';
import type { ParsedSource } from './types.js';

// ---- Zip reading with limits (shared with docx.ts) ----------------------------------------

/** Limits against zip bombs: declared sizes are checked up front, real sizes while reading. */
export const ZIP_LIMITS = {
  maxEntries: 10_000,
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  /** Ratio uncompressed/compressed allowed for entries over 1 MB; XML rarely exceeds ~50. */
  maxRatio: 200,
};

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Office files must be zips. A password-protected docx/odt saved by Word, or a legacy .doc,
 * is an OLE compound file instead: tell the user that rather than "corrupt".
 */
export function assertZip(bytes: Uint8Array, file: string, format: string): void {
  if (startsWith(bytes, OLE_MAGIC)) throw invalid('import.encrypted-or-legacy', { file });
  if (!startsWith(bytes, ZIP_MAGIC)) throw invalid('import.corrupt', { file, format });
}

/** Read the `wanted` entries of a zip (missing ones are absent from the map). */
export async function readZip(
  bytes: Uint8Array,
  file: string,
  format: string,
  wanted: readonly string[],
): Promise<Map<string, Buffer>> {
  assertZip(bytes, file, format);
  const zip = await openZip(bytes, file, format);
  const tooLarge = () => invalid('import.too-large', { file, format });
  if (zip.entryCount > ZIP_LIMITS.maxEntries) throw tooLarge();
  const found = new Map<string, Buffer>();
  let total = 0;
  try {
    for await (const entry of entries(zip)) {
      const size = entry.uncompressedSize;
      total += size;
      const ratio = size / Math.max(entry.compressedSize, 1);
      if (size > ZIP_LIMITS.maxEntryBytes || total > ZIP_LIMITS.maxTotalBytes) throw tooLarge();
      if (size > 1024 * 1024 && ratio > ZIP_LIMITS.maxRatio) throw tooLarge();
      if (wanted.includes(entry.fileName)) found.set(entry.fileName, await readEntry(zip, entry));
    }
  } finally {
    zip.close();
  }
  return found;
}

function openZip(bytes: Uint8Array, file: string, format: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) reject(invalid('import.corrupt', { file, format }));
      else resolve(zip);
    });
  });
}

async function* entries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  while (true) {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const done = (value: yauzl.Entry | null, err?: Error) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        if (err) reject(err);
        else resolve(value);
      };
      const onEntry = (e: yauzl.Entry) => done(e);
      const onEnd = () => done(null);
      const onError = (err: Error) => done(null, err);
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

// ---- content.xml to text -------------------------------------------------------------------

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

export async function importOdt(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const entries = await readZip(bytes, fileName, 'odt', ['content.xml', 'META-INF/manifest.xml']);
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
