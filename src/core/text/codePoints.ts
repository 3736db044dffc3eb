import type { CodePointInput, CodePointOffset, CodePointRange, Utf16Input, Utf16Offset, Utf16Range } from './offsetUnits.js';

/** A high surrogate followed by a low one: one astral character. A lone half is one code point. */
const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * Offsets in Koda are Unicode code points into a source's canonical text, zero-based,
 * end exclusive (DESIGN: "Text, offsets and anchoring"). JavaScript strings index UTF-16
 * code units, so this module is the one place that converts between the two.
 *
 * A `CodePointIndex` is built once per text (one pass) and answers each conversion in
 * O(log n) by binary search over the positions of astral characters (the only ones that
 * take two UTF-16 units). Texts without astral characters convert in O(1). Its answers carry
 * their unit in their type (`offsetUnits.ts`): one unit passed for the other does not compile.
 */
export class CodePointIndex {
  /** UTF-16 index of each astral character, ascending. */
  private readonly astral: number[] = [];
  readonly length: CodePointOffset;

  constructor(readonly text: string) {
    // The engine's regex scan, not a loop over every unit: a 15-million-unit transcript took
    // about 30 ms one unit at a time, on the server's one thread (issue 13).
    for (const pair of text.matchAll(SURROGATE_PAIR)) this.astral.push(pair.index);
    this.length = codePointOffset(text.length - this.astral.length);
  }

  /** UTF-16 index where code point `cp` starts (`cp === length` gives `text.length`). */
  toUtf16<N extends number>(cp: N & CodePointInput<N>): Utf16Offset {
    if (this.astral.length === 0) return cp as number as Utf16Offset;
    // Count astral characters that start before code point cp: the k-th astral character
    // sits at code point astral[k] - k.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.astral[mid] as number) - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return (cp + lo) as Utf16Offset;
  }

  /** Code point offset of UTF-16 index `unit`; an index inside a surrogate pair rounds down. */
  toCodePoint<N extends number>(unit: N & Utf16Input<N>): CodePointOffset {
    if (this.astral.length === 0) return unit as number as CodePointOffset;
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.astral[mid] as number) < unit) lo = mid + 1;
      else hi = mid;
    }
    // `lo` astral characters start before `unit`; each took one extra unit. An index on a
    // low surrogate counts its own pair, which rounds it down to that character.
    return (unit - lo) as CodePointOffset;
  }

  /** The text of code points `[start, end)`. */
  slice<S extends number, E extends number>(start: S & CodePointInput<S>, end: E & CodePointInput<E>): string {
    return this.text.slice(this.toUtf16(start as number), this.toUtf16(end as number));
  }
}

/** A number counted in code points, given its unit. */
export const codePointOffset = (n: number) => n as CodePointOffset;

/** A number counted in UTF-16 code units, given its unit. */
export const utf16Offset = (n: number) => n as Utf16Offset;

/** Number of code points in `text`. */
export function codePointLength(text: string): CodePointOffset {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return codePointOffset(n);
}

/** A range read as code points (a validated input, a stored row, an imported selection). */
export const codePointRange = (range: { start: number; end: number }): CodePointRange => ({
  start: codePointOffset(range.start),
  end: codePointOffset(range.end),
});

/** A range read as UTF-16 code units (a regular expression's match, a string search). */
export const utf16Range = (start: number, end: number): Utf16Range => ({ start: utf16Offset(start), end: utf16Offset(end) });
