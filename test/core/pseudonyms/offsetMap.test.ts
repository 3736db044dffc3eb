import { describe, expect, it } from 'vitest';
import { OffsetMap } from '../../../src/core/pseudonyms/offsetMap.js';
import { applyReplacements, PseudonymMatcher } from '../../../src/core/pseudonyms/replace.js';
import { CodePointIndex } from '../../../src/core/text/codePoints.js';

describe('OffsetMap', () => {
  // old: 0123456789…  two edits: [2,5) → 1 code point, [8,9) → 4 code points.
  const map = new OffsetMap([
    { start: 2, end: 5, length: 1 },
    { start: 8, end: 9, length: 4 },
  ]);

  it('maps offsets before, at the edges of, between and after edits', () => {
    expect(map.map(0)).toEqual({ offset: 0, inside: null });
    expect(map.map(2)).toEqual({ offset: 2, inside: null });
    expect(map.map(5)).toEqual({ offset: 3, inside: null });
    expect(map.map(7)).toEqual({ offset: 5, inside: null });
    expect(map.map(8)).toEqual({ offset: 6, inside: null });
    expect(map.map(9)).toEqual({ offset: 10, inside: null });
    expect(map.map(12)).toEqual({ offset: 13, inside: null });
  });

  it('reports an offset strictly inside an edit with the edit’s new range', () => {
    expect(map.map(3)).toEqual({ offset: null, inside: { start: 2, end: 3 } });
    expect(map.map(4)).toEqual({ offset: null, inside: { start: 2, end: 3 } });
  });

  it('keeps a range whose edges are outside edits, and widens one that is not', () => {
    expect(map.mapRange({ start: 0, end: 2 })).toEqual({ start: 0, end: 2, kept: true });
    expect(map.mapRange({ start: 2, end: 9 })).toEqual({ start: 2, end: 10, kept: true });
    expect(map.mapRange({ start: 3, end: 7 })).toEqual({ start: 2, end: 5, kept: false });
    expect(map.mapRange({ start: 0, end: 4 })).toEqual({ start: 0, end: 3, kept: false });
    expect(map.mapRange({ start: 3, end: 4 })).toEqual({ start: 2, end: 3, kept: false });
  });

  it('is the identity without edits', () => {
    expect(new OffsetMap([]).mapRange({ start: 3, end: 9 })).toEqual({ start: 3, end: 9, kept: true });
  });

  it('refuses overlapping or unsorted edits', () => {
    expect(
      () =>
        new OffsetMap([
          { start: 4, end: 6, length: 1 },
          { start: 5, end: 7, length: 1 },
        ]),
    ).toThrow();
  });

  it('keeps every range outside names on the same words through a real rewrite', () => {
    const text = '👩🏽‍🔬Kerstin: é\u0301 och Kerstins 😀 Hammarkullen, Kerstin';
    const matcher = new PseudonymMatcher([
      { id: 'k', real: ['Kerstin'], fictive: 'Lena-Maj' },
      { id: 'h', real: ['Hammarkullen'], fictive: '[stadsdel Y]' },
    ]);
    const old = new CodePointIndex(text);
    const reps = matcher.find(text, old);
    const next = new CodePointIndex(applyReplacements(text, reps, old));
    const offsetMap = new OffsetMap(reps.map((r) => ({ start: r.start, end: r.end, length: r.fictiveLength })));
    const inside = (o: number) => reps.some((r) => r.start < o && o < r.end);
    let checked = 0;
    for (let start = 0; start < old.length; start++) {
      for (let end = start + 1; end <= old.length; end++) {
        const m = offsetMap.mapRange({ start, end });
        expect(m.kept).toBe(!inside(start) && !inside(end));
        if (!m.kept) continue;
        expect(next.slice(m.start, m.end)).toBe(matcher.replace(old.slice(start, end)));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(200);
  });
});
