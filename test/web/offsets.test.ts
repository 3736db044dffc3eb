import { describe, expect, it } from 'vitest';
import { snapToGraphemes, TextOffsets, trimSelection } from '../../web/src/text/offsets.js';

describe('web offsets: UTF-16 ↔ code points', () => {
  // "Hej 😀 då" — the emoji is one code point and two UTF-16 units.
  const emoji = new TextOffsets('Hej 😀 då');

  it('converts around an astral character', () => {
    expect(emoji.length).toBe(8);
    expect(emoji.toUtf16(4)).toBe(4); // the emoji starts at unit 4
    expect(emoji.toUtf16(5)).toBe(6); // the space after it
    expect(emoji.toCodePoint(6)).toBe(5);
    expect(emoji.rangeToUtf16({ start: 4, end: 8 })).toEqual({ start: 4, end: 9 });
    expect(emoji.text.slice(4, 9)).toBe('😀 då');
  });

  it('round-trips every code point offset', () => {
    const t = new TextOffsets('a😀b👨‍👩‍👧c\u0071\u0303d');
    for (let cp = 0; cp <= t.length; cp++) expect(t.toCodePoint(t.toUtf16(cp))).toBe(cp);
  });

  it('never splits a surrogate pair when a selection ends inside one', () => {
    // Units [0, 5) end on the high surrogate of the emoji: the selection widens to take it whole.
    expect(emoji.rangeToCodePoints({ start: 0, end: 5 })).toEqual({ start: 0, end: 5 });
    expect(emoji.rangeToCodePoints({ start: 5, end: 9 })).toEqual({ start: 4, end: 8 });
  });

  it('keeps a letter with its combining mark', () => {
    // "q̃" is q + U+0303 (no precomposed form survives NFC): two code points, one character.
    const text = 'aq\u0303b';
    expect(snapToGraphemes(text, 0, 2)).toEqual({ start: 0, end: 3 });
    expect(snapToGraphemes(text, 2, 4)).toEqual({ start: 1, end: 4 });
    expect(new TextOffsets(text).rangeToCodePoints({ start: 2, end: 3 })).toEqual({ start: 1, end: 3 });
  });

  it('treats a ZWJ emoji sequence as one character but counts its code points', () => {
    const family = '👨‍👩‍👧'; // 5 code points, 8 UTF-16 units
    const t = new TextOffsets(`x${family}y`);
    expect(t.length).toBe(7);
    expect(t.rangeToCodePoints({ start: 3, end: 4 })).toEqual({ start: 1, end: 6 });
    expect(t.rangeToUtf16({ start: 1, end: 6 })).toEqual({ start: 1, end: 9 });
  });

  it('leaves an empty or full selection alone', () => {
    expect(emoji.rangeToCodePoints({ start: 0, end: 9 + 1 })).toEqual({ start: 0, end: 8 });
    expect(snapToGraphemes('abc', 1, 1)).toEqual({ start: 1, end: 1 });
  });

  it('trims white space from the ends of a selection, unless that is all it holds', () => {
    expect(trimSelection(' Vi arbetar\n', 0, 12)).toEqual({ start: 1, end: 11 });
    expect(trimSelection('a  b', 1, 3)).toEqual({ start: 1, end: 3 });
  });
});
