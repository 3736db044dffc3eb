import type { TextRange } from '../anchoring/range.js';
import { CodePointIndex } from './codePoints.js';

/**
 * Removes ranges (code points, `[start, end)`, non-overlapping) from a text, and says where an
 * offset of the old text lands in the new one. A range that overlaps a removed one has no place
 * in the new text: `mapRange` returns null for it.
 */
export function cutRanges(text: string, cuts: TextRange[]) {
  const sorted = [...cuts].sort((a, b) => a.start - b.start);
  const index = new CodePointIndex(text);
  let out = '';
  let at = 0;
  for (const cut of sorted) {
    out += index.slice(at, cut.start);
    at = cut.end;
  }
  out += index.slice(at, index.length);
  const shiftAt = (offset: number) => sorted.reduce((sum, c) => (c.end <= offset ? sum + (c.end - c.start) : sum), 0);
  return {
    text: out,
    mapRange(range: TextRange): TextRange | null {
      if (sorted.some((c) => range.start < c.end && c.start < range.end)) return null;
      return { start: range.start - shiftAt(range.start), end: range.end - shiftAt(range.start) };
    },
  };
}
