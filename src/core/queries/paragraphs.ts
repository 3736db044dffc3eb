import type { TextRange } from '../anchoring/range.js';
import { CodePointIndex } from '../text/codePoints.js';

/**
 * Paragraphs of a canonical text: runs of non-blank lines, separated by blank lines, trimmed of
 * surrounding whitespace. The unit of the search index and of "co-occurs in the same
 * paragraph". A run longer than `maxLength` code points (a text without blank lines) is cut at
 * line ends, else at a space, so no paragraph grows unbounded. Ranges are code points.
 */
export const PARAGRAPH_MAX = 4000;

export function paragraphs(text: string, maxLength = PARAGRAPH_MAX): TextRange[] {
  return [...eachParagraph(text, maxLength)];
}

/** The paragraphs one at a time: a caller can pause between them over a very long text. */
export function* eachParagraph(text: string, maxLength = PARAGRAPH_MAX, index = new CodePointIndex(text)): Generator<TextRange> {
  const blocks = /[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g;
  for (const m of text.matchAll(blocks)) {
    let start = m.index;
    const end = m.index + m[0].length;
    while (start < end && /\s/.test(text.charAt(start))) start++;
    let stop = end;
    while (stop > start && /\s/.test(text.charAt(stop - 1))) stop--;
    for (const piece of cutLong(text, start, stop, maxLength)) {
      yield { start: index.toCodePoint(piece.start), end: index.toCodePoint(piece.end) };
    }
  }
}

/** `[start, end)` (UTF-16) in pieces of at most about `max` units, cut at a line end or a space. */
function cutLong(text: string, start: number, end: number, max: number): TextRange[] {
  const out: TextRange[] = [];
  let from = start;
  while (end - from > max) {
    const window = text.slice(from, from + max);
    let cut = window.lastIndexOf('\n');
    if (cut < max / 2) cut = window.lastIndexOf(' ');
    if (cut < max / 2) cut = max;
    let to = from + cut;
    // Never split a surrogate pair.
    if (/[\uDC00-\uDFFF]/.test(text.charAt(to))) to--;
    let next = to;
    while (next < end && /\s/.test(text.charAt(next))) next++;
    let stop = to;
    while (stop > from && /\s/.test(text.charAt(stop - 1))) stop--;
    if (stop > from) out.push({ start: from, end: stop });
    from = next;
  }
  if (end > from) out.push({ start: from, end });
  return out;
}
