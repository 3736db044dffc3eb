import type { CodePointIndex } from '../text/codePoints.js';
import { codePointOffset } from '../text/codePoints.js';
import type { CodePointOffset, CodePointRange } from '../text/offsetUnits.js';

/**
 * What an edit changed between two versions of a text: the one stretch `[start, oldEnd)` of the
 * old text that became `[start, newEnd)` of the new, everything before and after it equal (the
 * longest common start and end). An autosave while typing changes one place; edits far apart
 * become one stretch spanning them, which only sends more segments to be found by their quote.
 */
export interface TextChange {
  start: CodePointOffset;
  oldEnd: CodePointOffset;
  newEnd: CodePointOffset;
}

/** The change from `before` to `after`, in code points; null when the texts are equal. */
export function textChange(before: CodePointIndex, after: CodePointIndex): TextChange | null {
  const a = before.text;
  const b = after.text;
  if (a === b) return null;
  const shorter = Math.min(a.length, b.length);
  let head = 0;
  while (head < shorter && a.charCodeAt(head) === b.charCodeAt(head)) head++;
  // A character of two UTF-16 units is equal whole or not at all: never split it.
  if (head > 0 && isHighSurrogate(a.charCodeAt(head - 1))) head--;
  let tail = 0;
  while (tail < shorter - head && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  if (tail > 0 && isLowSurrogate(a.charCodeAt(a.length - tail))) tail--;
  return {
    start: before.toCodePoint(head),
    oldEnd: before.toCodePoint(a.length - tail),
    newEnd: after.toCodePoint(b.length - tail),
  };
}

/** Where old `offset` lies in the new text: exact outside the change, the change's start inside it. */
export function offsetAfter(change: TextChange, offset: number): CodePointOffset {
  if (offset < change.start) return codePointOffset(offset);
  if (offset >= change.oldEnd) return codePointOffset(offset + change.newEnd - change.oldEnd);
  return change.start;
}

/**
 * Where an old range lies in the new text: a range clear of the change keeps its place or moves
 * by the change's length; an end inside the change goes to the end of what replaced it, so a
 * range reaching into edited words covers their replacement (empty when its words were deleted).
 */
export function rangeAfter(change: TextChange, range: CodePointRange): CodePointRange {
  const start = offsetAfter(change, range.start);
  const end = range.end > change.start && range.end < change.oldEnd ? change.newEnd : offsetAfter(change, range.end);
  return { start, end };
}

/**
 * Whether `range` and `context` code points either side of it lie wholly before or after the
 * change: its words and their context are then unchanged, only moved by the change's length.
 */
export function clearOfChange(change: TextChange, range: CodePointRange, context: number): boolean {
  return range.end + context <= change.start || range.start - context >= change.oldEnd;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
