import type { FoundFile } from '../files.js';
import { childOf, type XmlElement } from '../xml.js';
import { archiveFile, type PlanContext } from './context.js';

/**
 * The plain text of a source or note: inline (`<PlainTextContent>`) or a file of the archive
 * (`plainTextPath`) decoded as UTF-8 or UTF-16, the BOM kept because offsets may count it.
 */
export function readPlainText(ctx: PlanContext, el: XmlElement): { text: string; file: FoundFile | null } | 'unreadable' | null {
  const inline = childOf(el, 'PlainTextContent');
  if (inline) return { text: inline.text, file: null };
  const path = el.attrs.plainTextPath;
  const file = path ? archiveFile(ctx, path) : null;
  if (!file) return null;
  const text = decodeWithBom(file.bytes);
  return text === null ? 'unreadable' : { text, file };
}

/** Text of a file: UTF-8 (with or without BOM) or UTF-16 with BOM; the BOM stays, for the offsets. */
function decodeWithBom(bytes: Uint8Array): string | null {
  try {
    const [b0, b1, b2] = bytes;
    let text: string;
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) text = `\uFEFF${decode('utf-8', bytes.subarray(3))}`;
    else if (b0 === 0xff && b1 === 0xfe) text = `\uFEFF${decode('utf-16le', bytes.subarray(2))}`;
    else if (b0 === 0xfe && b1 === 0xff) text = `\uFEFF${decode('utf-16be', bytes.subarray(2))}`;
    else text = decode('utf-8', bytes);
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}

function decode(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
}
