import type { TextRange } from '../anchoring/range.js';

/**
 * Sets of `[start, end)` spans in code points, as one coder's segments of one code in one
 * source. Two ways to flatten them, used by the statistics for different questions.
 */

const byStart = (a: TextRange, b: TextRange) => a.start - b.start || a.end - b.end;

/**
 * The characters covered, as sorted disjoint spans: overlapping and touching spans are joined.
 * What character- and unit-level agreement compare (a character is coded or it is not).
 */
export function coverage(spans: readonly TextRange[]): TextRange[] {
  return join(spans, (next, last) => next.start <= last.end);
}

/**
 * The units a coder marked, as sorted spans that do not overlap: overlapping spans are joined,
 * touching ones stay two units. What unitizing agreement compares (Krippendorff's units of one
 * value may not overlap within one coder, but may abut).
 */
export function units(spans: readonly TextRange[]): TextRange[] {
  return join(spans, (next, last) => next.start < last.end);
}

function join(spans: readonly TextRange[], joins: (next: TextRange, last: TextRange) => boolean): TextRange[] {
  const out: TextRange[] = [];
  for (const s of [...spans].sort(byStart)) {
    const last = out.at(-1);
    if (last && joins(s, last)) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Total length of disjoint spans. */
export const totalLength = (spans: readonly TextRange[]) => spans.reduce((sum, s) => sum + (s.end - s.start), 0);

/** Length of the intersection of two sorted lists of disjoint spans (one merge pass). */
export function intersectionLength(a: readonly TextRange[], b: readonly TextRange[]): number {
  let total = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as TextRange;
    const y = b[j] as TextRange;
    const overlap = Math.min(x.end, y.end) - Math.max(x.start, y.start);
    if (overlap > 0) total += overlap;
    if (x.end <= y.end) i++;
    else j++;
  }
  return total;
}
