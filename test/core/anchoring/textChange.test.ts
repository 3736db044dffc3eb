import { describe, expect, it } from 'vitest';
import { clearOfChange, offsetAfter, rangeAfter, textChange } from '../../../src/core/anchoring/textChange.js';
import { CodePointIndex, codePointRange } from '../../../src/core/text/codePoints.js';

const change = (before: string, after: string) => textChange(new CodePointIndex(before), new CodePointIndex(after));

describe('textChange', () => {
  it('finds the one changed stretch between the common start and end, in code points', () => {
    expect(change('ab😀cd', 'ab😀XYcd')).toEqual({ start: 3, oldEnd: 3, newEnd: 5 });
    expect(change('abcdef', 'abef')).toEqual({ start: 2, oldEnd: 4, newEnd: 2 });
    expect(change('same', 'same')).toBeNull();
  });

  it('never splits a character of two UTF-16 units', () => {
    // 😀 and 😁 share their high surrogate; 👩 and 🧑 nothing but the text around them.
    expect(change('a😀b', 'a😁b')).toEqual({ start: 1, oldEnd: 2, newEnd: 2 });
    expect(change('x😀', 'x😁')).toEqual({ start: 1, oldEnd: 2, newEnd: 2 });
  });

  it('maps offsets outside the change exactly and those inside to its start', () => {
    const c = { start: 10, oldEnd: 20, newEnd: 15 } as NonNullable<ReturnType<typeof change>>;
    expect([5, 10, 12, 20, 30].map((o) => offsetAfter(c, o))).toEqual([5, 10, 10, 15, 25]);
    expect(clearOfChange(c, codePointRange({ start: 0, end: 5 }), 5)).toBe(true);
    expect(clearOfChange(c, codePointRange({ start: 0, end: 6 }), 5)).toBe(false);
    expect(clearOfChange(c, codePointRange({ start: 25, end: 30 }), 5)).toBe(true);
    expect(clearOfChange(c, codePointRange({ start: 24, end: 30 }), 5)).toBe(false);
  });

  it('moves a range clear of the change, and stretches one reaching into it over the replacement', () => {
    const c = { start: 10, oldEnd: 20, newEnd: 15 } as NonNullable<ReturnType<typeof change>>;
    const moved = (start: number, end: number) => rangeAfter(c, codePointRange({ start, end }));
    expect(moved(2, 8)).toEqual({ start: 2, end: 8 });
    expect(moved(22, 30)).toEqual({ start: 17, end: 25 });
    // Reaching into the change from either side, or around it.
    expect(moved(5, 12)).toEqual({ start: 5, end: 15 });
    expect(moved(12, 25)).toEqual({ start: 10, end: 20 });
    expect(moved(5, 25)).toEqual({ start: 5, end: 20 });
    // Wholly inside words that were deleted: empty, at the change.
    const deleted = { start: 10, oldEnd: 20, newEnd: 10 } as NonNullable<ReturnType<typeof change>>;
    expect(rangeAfter(deleted, codePointRange({ start: 12, end: 18 }))).toEqual({ start: 10, end: 10 });
  });
});
