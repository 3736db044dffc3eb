import { invalid } from '../errors.js';
import { codePointRange } from '../text/codePoints.js';
import type { CodePointRange } from '../text/offsetUnits.js';

/**
 * A range is `[start, end)` in Unicode code points of a source's canonical text: zero-based,
 * `end` exclusive, so `end - start` is the number of characters covered. Segments must cover at
 * least one character.
 */
export interface TextRange {
  start: number;
  end: number;
}

/** The range, checked against a text of `textLength` code points, with its unit in its type. */
export function validateRange(range: TextRange, textLength: number, source: string): CodePointRange {
  const { start, end } = range;
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw invalid('range.not-integer', { source, start: String(start), end: String(end) });
  }
  if (start < 0) throw invalid('range.negative', { source, start });
  if (end <= start) throw invalid('range.empty', { source, start, end });
  if (end > textLength) throw invalid('range.past-end', { source, end, length: textLength });
  return codePointRange(range);
}
