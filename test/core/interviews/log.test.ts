import { describe, expect, it } from 'vitest';
import type { KodaError } from '../../../src/core/errors.js';
import { formatLength, lengthMinutes, parseDay, parseLength } from '../../../src/core/interviews/log.js';

describe('an interview’s length and date as typed', () => {
  it('reads minutes, mm:ss and h:mm:ss', () => {
    expect(parseLength('67')).toBe(67 * 60_000);
    expect(parseLength(' 45:30 ')).toBe((45 * 60 + 30) * 1000);
    expect(parseLength('1:07:00')).toBe(67 * 60_000);
    expect(formatLength(parseLength('1:07:05'))).toBe('1:07:05');
    expect(formatLength(30 * 60_000 + 999)).toBe('30:00');
    expect(lengthMinutes(45 * 60_000 + 30_000)).toBe(46);
  });

  it('refuses anything else with one clear error', () => {
    for (const bad of ['', '45 min', '1:75:00', '12:60', '-3'])
      expect(() => parseLength(bad)).toThrow(expect.objectContaining({ code: 'interview.length' }) as KodaError);
    expect(parseDay('2021-03-04')).toBe('2021-03-04');
    for (const bad of ['2021-02-30', '4/3/2021', 'igår'])
      expect(() => parseDay(bad)).toThrow(expect.objectContaining({ code: 'interview.date' }) as KodaError);
  });
});
