import { CodePointIndex } from '../../../src/core/text/codePoints.js';
import type {
  CodePointInput,
  CodePointOffset,
  CodePointRange,
  Utf16Input,
  Utf16Offset,
  Utf16Range,
} from '../../../src/core/text/offsetUnits.js';

/**
 * The one place the browser converts offsets. The API speaks Unicode code points of a source's
 * canonical text; the DOM, `Selection` and JavaScript strings speak UTF-16 code units. Everything
 * in the web app that crosses between the two goes through a `TextOffsets` built once per text
 * (it wraps the core's `CodePointIndex`, so browser and server count the same way). Its answers
 * carry their unit in their type, so one unit passed for the other does not compile.
 */
export class TextOffsets {
  private readonly index: CodePointIndex;

  constructor(readonly text: string) {
    this.index = new CodePointIndex(text);
  }

  /** Length of the text in code points. */
  get length(): CodePointOffset {
    return this.index.length;
  }

  /** UTF-16 index where code point `cp` starts. */
  toUtf16<N extends number>(cp: N & CodePointInput<N>): Utf16Offset {
    return this.index.toUtf16(cp as number);
  }

  /** Code point offset of UTF-16 index `unit` (inside a surrogate pair rounds down). */
  toCodePoint<N extends number>(unit: N & Utf16Input<N>): CodePointOffset {
    return this.index.toCodePoint(unit as number);
  }

  /** A code point range `[start, end)` as UTF-16 indices. */
  rangeToUtf16(range: { start: number; end: number } & NotUtf16): Utf16Range {
    return { start: this.index.toUtf16(range.start), end: this.index.toUtf16(range.end) };
  }

  /**
   * A UTF-16 range (from a DOM selection) as code points, widened to whole user-perceived
   * characters first: a selection never splits an emoji, a surrogate pair or a letter from its
   * combining accent.
   */
  rangeToCodePoints(range: { start: number; end: number } & NotCodePoints): CodePointRange {
    const snapped = snapToGraphemes(this.text, range.start, range.end);
    return { start: this.index.toCodePoint(snapped.start), end: this.index.toCodePoint(snapped.end) };
  }
}

/** A range whose ends are not UTF-16 offsets (code points, or numbers not yet given a unit). */
type NotUtf16 = { start: number & { readonly __unit?: 'code point' }; end: number & { readonly __unit?: 'code point' } };

/** A range whose ends are not code point offsets. */
type NotCodePoints = { start: number & { readonly __unit?: 'utf-16' }; end: number & { readonly __unit?: 'utf-16' } };

/**
 * A selection without the white space at its ends (a drag or Ctrl+Shift+arrow often takes a
 * space or line break along); a selection of only white space stays as it is.
 */
export function trimSelection(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  return s < e ? { start: s, end: e } : { start, end };
}

const WINDOW = 64;
let segmenter: Intl.Segmenter | null = null;

/** Grapheme cluster boundaries of `text` near UTF-16 index `at` (a small window, not the whole text). */
function boundariesNear(text: string, at: number): number[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const from = Math.max(0, at - WINDOW);
  const to = Math.min(text.length, at + WINDOW);
  const out: number[] = [];
  for (const s of segmenter.segment(text.slice(from, to))) out.push(from + s.index);
  out.push(to);
  return out;
}

/** Widens UTF-16 `[start, end)` to grapheme cluster boundaries (start down, end up). */
export function snapToGraphemes(text: string, start: number, end: number): { start: number; end: number } {
  const s = Math.max(0, Math.min(start, text.length));
  const e = Math.max(s, Math.min(end, text.length));
  const down = boundariesNear(text, s).filter((b) => b <= s);
  const up = boundariesNear(text, e).filter((b) => b >= e);
  // The window starts on a guess; a boundary at its left edge may be mid-cluster only for
  // clusters longer than the window, which no text has.
  return { start: down.length > 0 ? (down[down.length - 1] as number) : s, end: up.length > 0 ? (up[0] as number) : e };
}
