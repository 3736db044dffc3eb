import { describe, expect, it } from 'vitest';
import { paletteColor, parseColor } from '../../src/core/codebook/colors.js';
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
