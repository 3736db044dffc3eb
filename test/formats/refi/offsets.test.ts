import { describe, expect, it } from 'vitest';
import { canonicalWithMap } from '../../../src/core/text/canonicalMap.js';
import { CodePointIndex } from '../../../src/core/text/codePoints.js';
import { chooseReading, nameMatches } from '../../../src/formats/refi/offsets.js';

const all = (m: ReturnType<typeof canonicalWithMap>) => Array.from({ length: m.rawLength + 1 }, (_, i) => m.map(i));

describe('canonical text with an offset map', () => {
  it('is the identity for canonical text, emoji counted as one code point', () => {
    const m = canonicalWithMap('a😀b', { bomCounted: false, crlf: 'one' });
    expect(m.text).toBe('a😀b');
    expect(all(m)).toEqual([0, 1, 2, 3]);
    expect(m.map(4)).toBeNull();
    expect(m.map(-1)).toBeNull();
  });

  it('drops a BOM, counting it or not as the reading says', () => {
    expect(all(canonicalWithMap('\uFEFFab', { bomCounted: false, crlf: 'one' }))).toEqual([0, 1, 2]);
    expect(all(canonicalWithMap('\uFEFFab', { bomCounted: true, crlf: 'one' }))).toEqual([0, 0, 1, 2]);
  });

  it('turns \\r\\n into \\n, counted as one character or as two', () => {
    const one = canonicalWithMap('a\r\nb', { bomCounted: false, crlf: 'one' });
    expect(one.text).toBe('a\nb');
    expect(all(one)).toEqual([0, 1, 2, 3]);
    const two = canonicalWithMap('a\r\nb', { bomCounted: false, crlf: 'two' });
    expect(all(two)).toEqual([0, 1, 2, 2, 3]);
    expect(canonicalWithMap('a\rb\u2028c', { bomCounted: false, crlf: 'two' }).text).toBe('a\nb\nc');
  });

  it('maps through NFC: a decomposed é becomes one code point, offsets after it shift by one', () => {
    const m = canonicalWithMap('Cafe\u0301 ok', { bomCounted: false, crlf: 'one' });
    expect(m.text).toBe('Café ok');
    expect(all(m)).toEqual([0, 1, 2, 3, 4, 4, 5, 6, 7]);
    expect(m.splitsCharacter(4)).toBe(true);
    expect(m.splitsCharacter(5)).toBe(false);
  });

  it('leaves combining marks without a precomposed form, and emoji sequences, as they are', () => {
    const raw = 'q\u0307 👩🏽‍🔬 x';
    const m = canonicalWithMap(raw, { bomCounted: false, crlf: 'one' });
    expect(m.text).toBe(raw);
    expect(all(m)).toEqual(Array.from({ length: [...raw].length + 1 }, (_, i) => i));
  });

  it('maps Hangul jamo composed into syllables', () => {
    const m = canonicalWithMap('a\u1100\u1161b', { bomCounted: false, crlf: 'one' });
    expect(m.text).toBe('a가b');
    expect(all(m)).toEqual([0, 1, 2, 2, 3]);
  });
});

describe('choosing how a source counts', () => {
  const raw = '\uFEFFI: Hej\r\nAlbin: Media ger en skev bild\r\nI: Tack';
  const spanIn = (text: string, quote: string) => {
    const at = text.indexOf(quote);
    return { start: [...text.slice(0, at)].length, end: [...text.slice(0, at)].length + [...quote].length };
  };

  it('counts \\r\\n as one when the selections fit that way (ATLAS.ti)', () => {
    const atlas = raw.slice(1).replace(/\r\n/g, '\n');
    const probe = { ...spanIn(atlas, 'Media ger en skev bild'), name: 'Media ger en skev…' };
    const chosen = chooseReading(raw, [probe]);
    expect(chosen.reading).toEqual({ bomCounted: false, crlf: 'one' });
    const index = new CodePointIndex(chosen.mapped.text);
    expect(index.slice(chosen.mapped.map(probe.start)!, chosen.mapped.map(probe.end)!)).toBe('Media ger en skev bild');
  });

  it('counts \\r\\n as two when the names say so (a tool counting code points literally)', () => {
    const literal = raw.slice(1);
    const probe = { ...spanIn(literal, 'Media ger en skev bild'), name: 'Media ger en skev bild' };
    const chosen = chooseReading(raw, [probe]);
    expect(chosen.reading).toEqual({ bomCounted: false, crlf: 'two' });
    const index = new CodePointIndex(chosen.mapped.text);
    expect(index.slice(chosen.mapped.map(probe.start)!, chosen.mapped.map(probe.end)!)).toBe('Media ger en skev bild');
  });

  it('keeps the default (\\r\\n as one, no BOM) when nothing tells them apart', () => {
    expect(chooseReading(raw, [{ start: 0, end: 2, name: null }]).reading).toEqual({ bomCounted: false, crlf: 'one' });
    expect(chooseReading('plain', []).decided).toBe(false);
  });

  it('matches names to text loosely: cut with an ellipsis, whitespace squashed', () => {
    expect(nameMatches('Media ger  en…', 'Media ger en skev bild')).toBe(true);
    expect(nameMatches('line:6', 'Media ger en skev bild')).toBe(false);
  });
});
