import { describe, expect, it } from 'vitest';
import { readingOf } from '../../web/src/codingQuery/reading.js';
import { en } from '../../web/src/i18n/en.js';
import { sv } from '../../web/src/i18n/sv.js';

/** i18next's interpolation, enough for these strings: `{{name}}` replaced by its value. */
const translator =
  (messages: typeof en) =>
  (key: string, params: Record<string, string | number>): string => {
    const template = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages) as string;
    return template.replace(/\{\{(\w+)\}\}/g, (_, p: string) => String(params[p]));
  };

describe('a coding query read in plain words', () => {
  const t = translator(en);

  it('says what each operator finds, bracketing parts made of several', () => {
    expect(readingOf('hinder WITHIN media', t)).toBe('passages coded “hinder” that lie inside passages coded “media”');
    expect(readingOf('(hinder OR media) OVERLAPS "brist på tid"', t)).toBe(
      '(passages coded “hinder” or passages coded “media”) that overlap passages coded “brist på tid”',
    );
    expect(readingOf('hinder AND NOT smart:"Media"', t)).toBe(
      'the overlap of passages coded “hinder” and (the text outside the passages of the smart code “Media”)',
    );
    expect(readingOf('a FOLLOWED BY b WITHIN 5 WORDS', t)).toBe(
      'passages coded “a” followed within 5 words by passages coded “b”',
    );
    expect(readingOf('a FOLLOWED BY b IN SAME TURN', t)).toBe(
      'passages coded “a” followed in the same turn by passages coded “b”',
    );
    expect(readingOf('a NEAR 3 b', t)).toBe('passages coded “a” with passages coded “b” at most 3 words before or after');
    expect(readingOf('a ENCLOSES b', t)).toBe('passages coded “a” that enclose one of passages coded “b”');
  });

  it('follows the language’s binding: AND before OR, relations before AND', () => {
    expect(readingOf('a OR b AND c', t)).toBe('passages coded “a” or (the overlap of passages coded “b” and passages coded “c”)');
    expect(readingOf('a AND b WITHIN c', t)).toBe(
      'the overlap of passages coded “a” and (passages coded “b” that lie inside passages coded “c”)',
    );
  });

  it('reads in Swedish, Swedish keywords too', () => {
    expect(readingOf('hinder inom media', translator(sv as typeof en))).toBe(
      'ställen kodade ”hinder” som ligger inuti ställen kodade ”media”',
    );
  });

  it('gives nothing for text that does not read (the server says why on running)', () => {
    expect(readingOf('', t)).toBeNull();
    expect(readingOf('hinder AND', t)).toBeNull();
    expect(readingOf('(hinder', t)).toBeNull();
  });
});
