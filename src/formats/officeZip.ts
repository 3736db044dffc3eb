import { constants, deflateRawSync } from 'node:zlib';
import { strToU8, Zip, ZipPassThrough } from 'fflate';
import { gathered, joinBytes } from './pieces.js';

/**
 * Writing the zip of an Office file (xlsxWrite.ts, docxWrite.ts) from XML given in pieces: each
 * entry is deflated about 64 KB at a time as its pieces come, so a sheet or a document body of
 * several megabytes is never held whole as one string, and only the compressed file is kept.
 */
export interface OfficeEntry {
  name: string;
  pieces: Iterable<string>;
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * An Office file being written: each step deflates about one piece of its XML, and the file is
 * what the last step returns. `officeBytes` writes it at once; a server command writes it a slice
 * at a time with turns of the event loop between (commands/helpers/fileContent.ts): written at
 * once, a quote list of 10,000 quotes held the server about 60 ms.
 */
export type OfficeWriting = Generator<void, Uint8Array, void>;

/** The whole file, written at once. */
export function officeBytes(writing: OfficeWriting): Uint8Array {
  for (;;) {
    const step = writing.next();
    if (step.done) return step.value;
  }
}

export function* officeZip(entries: readonly OfficeEntry[]): OfficeWriting {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else out.push(chunk);
  });
  for (const { name, pieces } of entries) {
    const entry = new NativeDeflate(name);
    zip.add(entry);
    for (const piece of gathered(pieces, DEFLATED_PIECE)) {
      entry.push(strToU8(piece));
      yield;
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure) throw failure;
  return joinBytes(out);
}

/**
 * Characters of XML deflated at a time, and how hard. Each piece is compressed without the one
 * before (NativeDeflate): pieces of 64 KB at level 1 made a quote list's xlsx 0.96 MB and its
 * docx 0.62, where the libraries before made 0.71 and 0.50 MiB; 256 KB at zlib's default level
 * makes 0.70 (with shared strings, xlsxWrite.ts) and 0.51 MB, for 16–25 ms more of the export.
 */
const DEFLATED_PIECE = 256 * 1024;
const LEVEL = 6;

/**
 * A zip entry deflated by Node's zlib rather than fflate's JavaScript deflate, which took two thirds
 * of the time. Each piece is deflated on its own and ended with a sync flush (a byte-aligned,
 * non-final block), the last one finished: together one valid deflate stream. fflate's
 * ZipPassThrough keeps the size and CRC of the plain bytes, as its documentation suggests.
 */
class NativeDeflate extends ZipPassThrough {
  constructor(name: string) {
    super(name);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    const deflated = deflateRawSync(chunk, { level: LEVEL, ...(final ? {} : { finishFlush: constants.Z_SYNC_FLUSH }) });
    this.ondata(null, deflated as Uint8Array<ArrayBuffer>, final);
  }
}

/**
 * Text as XML character data: markup escaped, and characters XML 1.0 cannot carry (control
 * characters, lone surrogates) dropped, as an office suite could not open the file with them.
 */
export function xmlText(text: string): string {
  return text
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML forbids
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      '',
    );
}

/** Text for an attribute value in double quotes. */
export const xmlAttr = (text: string) => xmlText(text).replace(/"/g, '&quot;');

/** The package's core properties: who made it (Koda), its title, when. */
export function coreProperties(creator: string, title?: string): string {
  const now = `${new Date().toISOString().slice(0, 19)}Z`;
  const named = title === undefined ? '' : `<dc:title>${xmlText(title)}</dc:title>`;
  return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${named}<dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`;
}
