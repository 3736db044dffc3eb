import type { TextRange } from './range.js';

/**
 * A quote selector (as in the W3C Web Annotation model): the exact text a segment covers and a
 * little context either side. It lets a segment be found again when its source text changes,
 * and lets a reader see the words without loading the whole source.
 */
export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** Code points of context kept either side of the exact text. */
export const QUOTE_CONTEXT = 32;

/** Where the prefix and suffix lie for a range, clipped to the text: `[start, end)` each. */
export function contextRanges(range: TextRange, textLength: number): { prefix: TextRange; suffix: TextRange } {
  return {
    prefix: { start: Math.max(0, range.start - QUOTE_CONTEXT), end: range.start },
    suffix: { start: range.end, end: Math.min(textLength, range.end + QUOTE_CONTEXT) },
  };
}
