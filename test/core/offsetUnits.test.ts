import { describe, expect, it } from 'vitest';
import { contextRanges } from '../../src/core/anchoring/quoteSelector.js';
import { turnHolding } from '../../src/core/anchoring/turnHolding.js';
import { expandTo, sentences } from '../../src/core/autocode/units.js';
import { CodePointIndex, codePointOffset, codePointRange, utf16Offset, utf16Range } from '../../src/core/text/codePoints.js';
import { TextOffsets } from '../../web/src/text/offsets.js';

/**
 * The `@ts-expect-error` lines are the test: `npm run typecheck` (tsc over test/) fails when the
 * compiler accepts an offset of one unit where the other is expected. The assertions check the
 * conversions those lines would have skipped.
 */
describe('offset units', () => {
  const text = '😀 Hej';
  const index = new CodePointIndex(text);

  it('refuses a UTF-16 offset where code points are expected, and the other way round', () => {
    const unit = utf16Offset(3);
    const cp = codePointOffset(2);
    // @ts-expect-error a UTF-16 offset is not a code point offset
    index.toUtf16(unit);
    // @ts-expect-error a code point offset is not a UTF-16 offset
    index.toCodePoint(cp);
    // @ts-expect-error slicing by code points refuses UTF-16 offsets
    index.slice(unit, unit);
    // @ts-expect-error a turn is looked up by a code point offset
    turnHolding([], unit);
    // @ts-expect-error a text length in UTF-16 units is not one in code points
    contextRanges(codePointRange({ start: 0, end: 1 }), utf16Offset(text.length));
    // @ts-expect-error auto-coding's units are UTF-16: a code point range does not expand
    expandTo(sentences(text), codePointRange({ start: 0, end: 1 }));
    expect(index.toUtf16(cp)).toBe(3);
    expect(index.toCodePoint(unit)).toBe(2);
  });

  it('converts between the units only through the index, each answer in its unit', () => {
    const start: number = index.toCodePoint(index.toUtf16(codePointOffset(2)));
    expect(start).toBe(2);
    expect(index.slice(codePointOffset(2), index.length)).toBe('Hej');
  });

  it('refuses mixed units in the browser too', () => {
    const offsets = new TextOffsets(text);
    const selection = offsets.rangeToUtf16({ start: 2, end: 5 });
    // @ts-expect-error a UTF-16 range (a DOM selection) is converted by rangeToCodePoints
    offsets.rangeToUtf16(selection);
    // @ts-expect-error a code point range is already in code points
    offsets.rangeToCodePoints(codePointRange({ start: 0, end: 2 }));
    // @ts-expect-error a UTF-16 offset is not a code point offset
    offsets.toUtf16(utf16Offset(3));
    expect(offsets.rangeToCodePoints(utf16Range(3, 6))).toEqual({ start: 2, end: 5 });
    expect(selection).toEqual({ start: 3, end: 6 });
  });
});
