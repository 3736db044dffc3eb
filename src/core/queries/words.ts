/**
 * Words of a text, for search and stem matching: maximal runs of letters, combining marks and
 * digits (Unicode `\p{L}\p{M}\p{N}`), so `Anna-Karin` is two words and `t.ex.` is two. Offsets
 * here are UTF-16 indexes into the string given (what JavaScript slices by); callers convert
 * to code points through core/text/codePoints.ts at their edge.
 */
export interface Word {
  /** The word in lower case. */
  text: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** The words of `text` in order. */
export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ text: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Whether the UTF-16 unit at `i` of `text` belongs to a word (a letter, mark or digit). */
export function isWordChar(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const cp = text.codePointAt(i) as number;
  // A low surrogate belongs to the character starting one unit earlier.
  const ch =
    cp >= 0xdc00 && cp <= 0xdfff && i > 0 ? String.fromCodePoint(text.codePointAt(i - 1) as number) : String.fromCodePoint(cp);
  return /[\p{L}\p{M}\p{N}]/u.test(ch);
}
