/**
 * The two units an offset into a text can be counted in, kept apart by the compiler.
 *
 * - A `CodePointOffset` counts Unicode code points of a source's canonical text: what the store,
 *   the API and REFI-QDA speak (DESIGN: "Text, offsets and anchoring").
 * - A `Utf16Offset` counts UTF-16 code units: what JavaScript strings, regular expressions and
 *   the DOM speak.
 *
 * Values of either type are made only in `codePoints.ts` (server and core) and
 * `web/src/text/offsets.ts` (browser), where they convert; one unit passed where the other is
 * expected is a type error.
 */
export type CodePointOffset = number & { readonly __unit: 'code point' };
export type Utf16Offset = number & { readonly __unit: 'utf-16' };

/** `[start, end)` in code points. */
export interface CodePointRange {
  start: CodePointOffset;
  end: CodePointOffset;
}

/** `[start, end)` in UTF-16 code units. */
export interface Utf16Range {
  start: Utf16Offset;
  end: Utf16Offset;
}

/**
 * A code point offset, or a number not yet given a unit (a literal, a row read from the store),
 * never a UTF-16 offset: for parameters that accept both while callers move to the branded types.
 */
export type CodePointInput<N extends number> = N extends Utf16Offset ? never : N;

/** A UTF-16 offset, or a number not yet given a unit, never a code point offset. */
export type Utf16Input<N extends number> = N extends CodePointOffset ? never : N;

/** A UTF-16 range, or one of numbers not yet given a unit, never a code point range. */
export type Utf16RangeInput<R extends { start: number; end: number }> = R extends { start: CodePointOffset } ? never : R;
