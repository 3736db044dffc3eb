import { describe, expect, it } from 'vitest';
import { validateRange } from '../../src/core/anchoring/range.js';
import { kodaErrorOf } from './support.js';

const errorFor = (start: number, end: number, length = 10) =>
  kodaErrorOf(() => validateRange({ start, end }, length, 'Intervju'));

describe('validateRange', () => {
  it('accepts ranges of at least one code point inside the text', () => {
    expect(() => validateRange({ start: 0, end: 1 }, 1, 's')).not.toThrow();
    expect(() => validateRange({ start: 3, end: 10 }, 10, 's')).not.toThrow();
  });

  it('refuses a non-integer offset', () => {
    expect(errorFor(1.5, 3).code).toBe('range.not-integer');
    expect(errorFor(1, Number.NaN).code).toBe('range.not-integer');
    expect(errorFor(1, 3.25).params).toEqual({ source: 'Intervju', start: '1', end: '3.25' });
  });

  it('refuses a negative start', () => {
    expect(errorFor(-1, 3).code).toBe('range.negative');
  });

  it('refuses an empty or reversed range', () => {
    expect(errorFor(4, 4).code).toBe('range.empty');
    expect(errorFor(5, 4).code).toBe('range.empty');
  });

  it('refuses an end past the text', () => {
    const err = errorFor(5, 11);
    expect(err.code).toBe('range.past-end');
    expect(err.params).toEqual({ source: 'Intervju', end: 11, length: 10 });
  });
});
