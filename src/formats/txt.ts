import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { detectTurns } from '../core/transcript/turns.js';
import { f4Paragraphs, hasF4Stamps } from './f4.js';
import { otterParagraphs } from './otter.js';
import { timedSource } from './timedTurns.js';
import type { ParsedSource } from './types.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/**
 * Decode a text file. Only encodings we can identify for certain are accepted: UTF-8 (with or
 * without BOM) and UTF-16 with a BOM. Guessing (Latin-1, UTF-16 without BOM) would silently
 * corrupt å/ä/ö, so anything else is refused with `import.encoding`.
 */
export function decodeTextWithEncoding(bytes: Uint8Array, file: string): { text: string; encoding: TextEncoding } {
  const [b0, b1, b2] = bytes;
  let result: { text: string; encoding: TextEncoding };
  try {
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
      result = { text: strict('utf-8', bytes.subarray(3)), encoding: 'utf-8-bom' };
    } else if (b0 === 0xff && b1 === 0xfe) {
      result = { text: strict('utf-16le', bytes.subarray(2)), encoding: 'utf-16le' };
    } else if (b0 === 0xfe && b1 === 0xff) {
      result = { text: strict('utf-16le', swapPairs(bytes.subarray(2))), encoding: 'utf-16be' };
    } else {
      result = { text: strict('utf-8', bytes), encoding: 'utf-8' };
    }
  } catch {
    throw invalid('import.encoding', { file });
  }
  // NUL never occurs in text: it means binary data, UTF-16 without BOM or UTF-32.
  if (result.text.includes('\u0000')) throw invalid('import.encoding', { file });
  if (result.text.trim() === '') throw invalid('import.empty', { file });
  return result;
}

export function decodeText(bytes: Uint8Array, file: string): string {
  return decodeTextWithEncoding(bytes, file).text;
}

function strict(label: 'utf-8' | 'utf-16le', bytes: Uint8Array): string {
  if (label === 'utf-16le' && bytes.length % 2 !== 0) throw new Error('odd UTF-16 length');
  return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
}

/** UTF-16BE → LE by swapping byte pairs (avoids relying on ICU for 'utf-16be'). */
function swapPairs(bytes: Uint8Array): Uint8Array {
  if (bytes.length % 2 !== 0) throw new Error('odd UTF-16 length');
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] as number;
    out[i + 1] = bytes[i] as number;
  }
  return out;
}

/** Plain text and Markdown share everything but their kind and media type. */
export function importPlainText(bytes: Uint8Array, file: string, kind: 'txt' | 'md', mediaType: string): ParsedSource {
  const { text: raw, encoding } = decodeTextWithEncoding(bytes, file);
  const text = canonicalText(raw);
  return { kind, text, turns: detectTurns(text), metadata: { encoding }, mediaType };
}

/**
 * A `.txt` is plain text, or what a transcription tool wrote: f4/f5 with `#00:01:23-4#` stamps,
 * or an Otter.ai export (f4.ts, otter.ts), told apart by what the text holds.
 */
export async function importTxt(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const plain = importPlainText(bytes, fileName, 'txt', 'text/plain');
  if (hasF4Stamps(plain.text))
    return timedSource(f4Paragraphs(plain.text, fileName), 'f4', 'text/plain', fileName, plain.metadata);
  const otter = otterParagraphs(plain.text, fileName);
  return otter ? timedSource(otter, 'otter', 'text/plain', fileName, plain.metadata) : plain;
}
