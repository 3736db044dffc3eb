/**
 * Offsets in Koda are Unicode code points into a source's canonical text, zero-based,
 * end exclusive (DESIGN: "Text, offsets and anchoring"). JavaScript strings index UTF-16
 * code units, so this module is the one place that converts between the two.
 *
 * A `CodePointIndex` is built once per text (one pass) and answers each conversion in
 * O(log n) by binary search over the positions of astral characters (the only ones that
 * take two UTF-16 units). Texts without astral characters convert in O(1).
 */
export class CodePointIndex {
  /** UTF-16 index of each astral character, ascending. */
  private readonly astral: number[] = [];
  readonly length: number;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
    this.length = text.length - this.astral.length;
  }

  /** UTF-16 index where code point `cp` starts (`cp === length` gives `text.length`). */
  toUtf16(cp: number): number {
    if (this.astral.length === 0) return cp;
    // Count astral characters that start before code point cp: the k-th astral character
    // sits at code point astral[k] - k.
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.astral[mid] as number) - mid < cp) lo = mid + 1;
      else hi = mid;
    }
    return cp + lo;
  }

  /** Code point offset of UTF-16 index `unit`; an index inside a surrogate pair rounds down. */
  toCodePoint(unit: number): number {
    if (this.astral.length === 0) return unit;
    let lo = 0;
    let hi = this.astral.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.astral[mid] as number) < unit) lo = mid + 1;
      else hi = mid;
    }
    // `lo` astral characters start before `unit`; each took one extra unit. An index on a
    // low surrogate counts its own pair, which rounds it down to that character.
    return unit - lo;
  }

  /** The text of code points `[start, end)`. */
  slice(start: number, end: number): string {
    return this.text.slice(this.toUtf16(start), this.toUtf16(end));
  }
}

/** Number of code points in `text`. */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
