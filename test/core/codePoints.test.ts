import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalText } from '../../src/core/text/canonical.js';
import { CodePointIndex, codePointLength } from '../../src/core/text/codePoints.js';

// 👩🏽‍🔬 = U+1F469 U+1F3FD U+200D U+1F52C: four code points, seven UTF-16 units.
const SCIENTIST = '👩🏽‍🔬';

describe('codePointLength', () => {
  it('counts an astral emoji as one code point', () => {
    expect('😀'.length).toBe(2);
    expect(codePointLength('😀')).toBe(1);
  });

  it('counts each code point of an emoji ZWJ sequence', () => {
    expect(SCIENTIST.length).toBe(7);
    expect(codePointLength(SCIENTIST)).toBe(4);
  });

  it('counts Swedish letters and plain text as one each', () => {
    expect(codePointLength('åäö ÅÄÖ')).toBe(7);
    expect(codePointLength('')).toBe(0);
  });

  it('counts a lone surrogate as one code point', () => {
    expect(codePointLength('a\ud83db')).toBe(3);
  });
});

describe('combining marks after canonicalisation', () => {
  it('composes NFD e + U+0301 into one code point é', () => {
    const text = canonicalText('caf' + 'e\u0301');
    expect(text).toBe('caf\u00e9');
    expect(codePointLength(text)).toBe(4);
  });

  it('keeps a mark with no precomposed form as two code points', () => {
    const text = canonicalText('q\u0307');
    expect(text).toBe('q\u0307');
    expect(codePointLength(text)).toBe(2);
  });

  it('composes decomposed åäö', () => {
    const text = canonicalText('a\u030aa\u0308o\u0308');
    expect(text).toBe('åäö');
    expect(codePointLength(text)).toBe(3);
  });
});

describe('CodePointIndex', () => {
  // code points: a0 😀1 b2 👩3 🏽4 ZWJ5 🔬6 c7; UTF-16: a0 😀1-2 b3 👩4-5 🏽6-7 ZWJ8 🔬9-10 c11
  const text = `a😀b${SCIENTIST}c`;
  const index = new CodePointIndex(text);

  it('knows the length in code points', () => {
    expect(index.length).toBe(8);
    expect(text.length).toBe(12);
  });

  it('converts code points to UTF-16 indexes past each astral character', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((cp) => index.toUtf16(cp))).toEqual([0, 1, 3, 4, 6, 8, 9, 11, 12]);
  });

  it('converts UTF-16 indexes back to code points, round trip', () => {
    for (let cp = 0; cp <= index.length; cp++) expect(index.toCodePoint(index.toUtf16(cp))).toBe(cp);
    expect([0, 1, 3, 4, 6, 8, 9, 11, 12].map((u) => index.toCodePoint(u))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('rounds an index on a low surrogate down to its character', () => {
    expect(index.toCodePoint(2)).toBe(1);
    expect(index.toCodePoint(5)).toBe(3);
    expect(index.toCodePoint(10)).toBe(6);
  });

  it('slices by code points', () => {
    expect(index.slice(1, 2)).toBe('😀');
    expect(index.slice(3, 7)).toBe(SCIENTIST);
    expect(index.slice(2, 4)).toBe('b👩');
    expect(index.slice(7, 8)).toBe('c');
    expect(index.slice(0, 8)).toBe(text);
    expect(index.slice(4, 4)).toBe('');
  });

  it('is the identity on text without astral characters', () => {
    const plain = new CodePointIndex('Hej då, åäö');
    expect(plain.length).toBe(11);
    expect(plain.toUtf16(8)).toBe(8);
    expect(plain.toCodePoint(8)).toBe(8);
    expect(plain.slice(8, 11)).toBe('åäö');
  });

  it('agrees with Array.from on a mixed text', () => {
    const mixed = canonicalText('Ja 😀 e\u0301n 👩🏽‍🔬 q\u0307 å\r\nslut');
    const chars = Array.from(mixed);
    const idx = new CodePointIndex(mixed);
    expect(idx.length).toBe(chars.length);
    for (let i = 0; i < chars.length; i++) expect(idx.slice(i, i + 1)).toBe(chars[i]);
  });

  it('ignores a lone high surrogate at the end', () => {
    const idx = new CodePointIndex('ab\ud83d');
    expect(idx.length).toBe(3);
    expect(idx.toUtf16(3)).toBe(3);
  });

  it('agrees with the string iterator on any mix of whole and lone surrogates', () => {
    const unit = fc.constantFrom('a', 'ö', '\n', '\ud83d', '\ude00', '\udbff', '\udc00', '😀');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const text = units.join('');
        const points = [...text];
        const idx = new CodePointIndex(text);
        expect(idx.length).toBe(points.length);
        let utf16 = 0;
        points.forEach((point, cp) => {
          expect(idx.toUtf16(cp)).toBe(utf16);
          utf16 += point.length;
        });
      }),
      { numRuns: 500 },
    );
  });
});
