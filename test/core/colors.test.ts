import { describe, expect, it } from 'vitest';
import {
  blend,
  codeShade,
  contrastRatio,
  displayColors,
  HIGHLIGHT,
  oklchOf,
  paletteColor,
  parseColor,
} from '../../src/core/codebook/colors.js';
import { kodaErrorOf } from './support.js';

describe('parseColor', () => {
  it('keeps #rrggbb, lowercased and trimmed', () => {
    expect(parseColor('#D64541')).toBe('#d64541');
    expect(parseColor('  #2e9e4f ')).toBe('#2e9e4f');
  });

  it('expands #rgb', () => {
    expect(parseColor('#F0a')).toBe('#ff00aa');
  });

  it.each(['red', '#12345', '#1234567', '#ggg', 'f2c200', '', '#f2c20'])('refuses %j with code.color', (input) => {
    const err = kodaErrorOf(() => parseColor(input));
    expect(err.code).toBe('code.color');
    expect(err.params).toEqual({ color: input });
  });
});

describe('paletteColor', () => {
  it('hands out the palette in order and wraps around', () => {
    expect(paletteColor(0)).toBe('#4e79a7');
    expect(paletteColor(1)).toBe('#f28e2b');
    expect(paletteColor(9)).toBe('#bab0ac');
    expect(paletteColor(10)).toBe('#4e79a7');
    expect(paletteColor(-1)).toBe('#bab0ac');
  });
});

describe('contrastRatio and blend', () => {
  it('follows WCAG 2: black on white is 21, a colour on itself 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#d64541', '#d64541')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('blends as an rgba() background over the page', () => {
    expect(blend('#000000', '#ffffff', 0.5)).toBe('#808080');
    expect(blend('#d64541', '#ffffff', 1)).toBe('#d64541');
    expect(blend('#d64541', '#ffffff', 0)).toBe('#ffffff');
  });
});

/** The traffic-light colours, the palette, and hard cases: navy, pure yellow, near grey. */
const BASES = ['#f2c200', '#2e9e4f', '#d64541', ...Array.from({ length: 10 }, (_, i) => paletteColor(i)), '#000080', '#ffff00'];

describe('codeShade', () => {
  it('keeps the base for a single code', () => {
    expect(codeShade('#f2c200', 0, 1)).toBe('#f2c200');
  });

  it.each(BASES)('gives eleven siblings of %s eleven distinct shades of its hue, lightest first', (base) => {
    const shades = Array.from({ length: 11 }, (_, i) => codeShade(base, i, 11));
    expect(new Set(shades).size).toBe(11);
    const hue = oklchOf(base).h;
    for (const shade of shades) {
      const c = oklchOf(shade);
      // Hue is kept; 8-bit rounding moves it a little where the chroma is low.
      if (c.c > 0.04) expect(Math.abs(((c.h - hue + 540) % 360) - 180)).toBeLessThan(3);
      expect(shade).toMatch(/^#[0-9a-f]{6}$/);
    }
    const lightness = shades.map((s) => oklchOf(s).l);
    for (let i = 1; i < lightness.length; i++) expect(lightness[i]).toBeLessThan(lightness[i - 1] as number);
  });

  it.each(BASES)('keeps the text readable (WCAG AA, 4.5:1) on every shade of %s as the strongest highlight', (base) => {
    for (const count of [2, 5, 11, 40]) {
      for (let i = 0; i < count; i++) {
        const on = blend(codeShade(base, i, count), HIGHLIGHT.page, HIGHLIGHT.activeAlpha);
        expect(contrastRatio(HIGHLIGHT.ink, on)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('tells neighbouring shades apart: adjacent siblings differ in lightness by at least 0.01 even for forty', () => {
    const l = Array.from({ length: 40 }, (_, i) => oklchOf(codeShade('#f2c200', i, 40)).l);
    for (let i = 1; i < l.length; i++) expect((l[i - 1] as number) - (l[i] as number)).toBeGreaterThan(0.01);
  });
});

describe('displayColors', () => {
  const node = (id: string, parentId: string | null, position: number, color: string) => ({ id, parentId, position, color });

  it('shades the codes that inherited their category’s colour, in codebook order, and keeps a colour set by hand', () => {
    const nodes = [
      node('s', null, 0, '#f2c200'),
      node('b', 's', 1, '#f2c200'),
      node('a', 's', 0, '#f2c200'),
      node('own', 's', 2, '#4e79a7'),
      node('c', 's', 3, '#f2c200'),
      node('h', null, 1, '#d64541'),
      node('only', 'h', 0, '#d64541'),
    ];
    const shown = displayColors(nodes);
    expect(shown.get('s')).toBe('#f2c200');
    expect(shown.get('a')).toBe(codeShade('#f2c200', 0, 3));
    expect(shown.get('b')).toBe(codeShade('#f2c200', 1, 3));
    expect(shown.get('c')).toBe(codeShade('#f2c200', 2, 3));
    expect(shown.get('own')).toBe('#4e79a7');
    expect(shown.get('h')).toBe('#d64541');
    expect(shown.get('only')).toBe('#d64541');
    expect(new Set(['a', 'b', 'c', 'own'].map((id) => shown.get(id))).size).toBe(4);
  });

  it('shades a code below a shaded category around the category’s own shade', () => {
    const nodes = [
      node('theme', null, 0, '#2e9e4f'),
      node('cat1', 'theme', 0, '#2e9e4f'),
      node('cat2', 'theme', 1, '#2e9e4f'),
      node('x', 'cat2', 0, '#2e9e4f'),
      node('y', 'cat2', 1, '#2e9e4f'),
    ];
    const shown = displayColors(nodes);
    const cat2 = shown.get('cat2') as string;
    expect(cat2).toBe(codeShade('#2e9e4f', 1, 2));
    expect(shown.get('x')).toBe(codeShade(cat2, 0, 2));
    expect(shown.get('y')).toBe(codeShade(cat2, 1, 2));
  });
});
