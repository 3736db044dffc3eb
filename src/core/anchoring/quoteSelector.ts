import { type CodePointIndex, codePointOffset } from '../text/codePoints.js';
import type { CodePointOffset, CodePointRange } from '../text/offsetUnits.js';

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

/**
 * Where the prefix and suffix lie for a range, clipped to the text: `[start, end)` each. The
 * store cuts them out with SQL (`commands/helpers/anchor.ts`); `quoteAt` cuts them in memory.
 */
export function contextRanges(
  range: CodePointRange,
  textLength: CodePointOffset,
): { prefix: CodePointRange; suffix: CodePointRange } {
  return {
    prefix: { start: codePointOffset(Math.max(0, range.start - QUOTE_CONTEXT)), end: range.start },
    suffix: { start: range.end, end: codePointOffset(Math.min(textLength, range.end + QUOTE_CONTEXT)) },
  };
}

/** The quote selector of `range` in the text `index` was built on. */
export function quoteAt(index: CodePointIndex, range: CodePointRange): QuoteSelector {
  const { prefix, suffix } = contextRanges(range, index.length);
  return {
    exact: index.slice(range.start, range.end),
    prefix: index.slice(prefix.start, prefix.end),
    suffix: index.slice(suffix.start, suffix.end),
  };
}
