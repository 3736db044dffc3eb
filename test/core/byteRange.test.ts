import { describe, expect, it } from 'vitest';
import { parseByteRange } from '../../src/core/recordings/byteRange.js';

describe('an HTTP Range over a file of 1000 bytes', () => {
  it('gives the range asked for, held to the end of the file', () => {
    expect(parseByteRange('bytes=0-99', 1000)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange('bytes=900-', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange('bytes=990-5000', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseByteRange('bytes=-10', 1000)).toEqual({ start: 990, end: 999 });
    expect(parseByteRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('is unsatisfiable outside the file', () => {
    expect(parseByteRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseByteRange('bytes=-0', 1000)).toBe('unsatisfiable');
  });

  it('is ignored (the whole file) when absent, malformed, reversed, of another unit or several', () => {
    for (const header of [undefined, 'bytes=', 'bytes=a-b', 'bytes=50-10', 'items=0-1', 'bytes=0-1,5-6']) {
      expect(parseByteRange(header, 1000)).toBe('whole');
    }
  });
});
