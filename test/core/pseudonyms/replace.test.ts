import { describe, expect, it } from 'vitest';
import { applyReplacements, countByEntry, normalizeForm, PseudonymMatcher } from '../../../src/core/pseudonyms/replace.js';
import { CodePointIndex } from '../../../src/core/text/codePoints.js';

const KERSTIN = { id: 'k', real: ['Kerstin'], fictive: 'Lena' };
const OMEGA = { id: 'o', real: ['Göteborgs kommun', 'Göteborg'], fictive: 'Omega' };
const DISTRICT = { id: 'd', real: ['Hammarkullen', 'Nya Hovås'], fictive: '[stadsdel Y]' };
const matcher = new PseudonymMatcher([KERSTIN, OMEGA, DISTRICT]);

/** The occurrences as the text they cover, for readable expectations. */
function covered(text: string) {
  const index = new CodePointIndex(text);
  return matcher.find(text, index).map((r) => index.slice(r.start, r.end));
}

describe('PseudonymMatcher.find', () => {
  it('finds whole words only, never inside a longer word', () => {
    expect(covered('Kerstin, Kerstina, KerstinX, xKerstin, Kerstin2, _Kerstin_ och (Kerstin)')).toEqual([
      'Kerstin',
      'Kerstin',
      'Kerstin',
    ]);
  });

  it('keeps a Swedish genitive s outside the occurrence, and finds the English possessive', () => {
    const text = 'Kerstins chef och Kerstin’s boss, men inte Kerstinsson.';
    expect(covered(text)).toEqual(['Kerstin', 'Kerstin']);
    expect(matcher.replace(text)).toBe('Lenas chef och Lena’s boss, men inte Kerstinsson.');
  });

  it('is case-sensitive: a lower-case word is not the name', () => {
    expect(covered('kerstin KERSTIN Kerstin')).toEqual(['Kerstin']);
  });

  it('matches ignoring case when asked (labels made from file names)', () => {
    expect(matcher.replace('kerstin_intervju-HAMMARKULLEN.docx', { ignoreCase: true })).toBe('Lena_intervju-[stadsdel Y].docx');
    expect(matcher.replace('kerstin_intervju')).toBe('kerstin_intervju');
  });

  it('takes the longest form at a position, then continues after it', () => {
    expect(covered('Göteborgs kommun och Göteborg, Göteborgs hamn')).toEqual(['Göteborgs kommun', 'Göteborg', 'Göteborg']);
    expect(matcher.replace('Göteborgs kommun och Göteborgs hamn')).toBe('Omega och Omegas hamn');
  });

  it('lets a space in a form match a run of spaces or a no-break space, never a line break', () => {
    expect(covered('Nya  Hovås, Nya\u00A0Hovås, Nya\nHovås')).toEqual(['Nya  Hovås', 'Nya\u00A0Hovås']);
  });

  it('finds names at the very start and end of the text and next to each other', () => {
    expect(covered('Kerstin')).toEqual(['Kerstin']);
    expect(covered('Kerstin Göteborg Hammarkullen')).toEqual(['Kerstin', 'Göteborg', 'Hammarkullen']);
    expect(matcher.replace('Kerstin/Göteborg-Hammarkullen')).toBe('Lena/Omega-[stadsdel Y]');
  });

  it('counts offsets in code points: emoji, ZWJ sequences and combining marks before a name', () => {
    // 😀 is one code point (two UTF-16 units); 👩🏽‍🔬 is four code points (seven units).
    const text = '😀Kerstin 👩🏽‍🔬 Göteborg';
    const [a, b] = matcher.find(text);
    expect(a).toMatchObject({ start: 1, end: 8, entryId: 'k', fictive: 'Lena', fictiveLength: 4 });
    expect(b).toMatchObject({ start: 14, end: 22, entryId: 'o' });
    // A combining mark glued to a name makes it another word: not replaced.
    expect(covered('Kerstin\u0308 och Kerstin')).toEqual(['Kerstin']);
  });

  it('matches åäö forms written in NFD, once normalised, against NFC text', () => {
    const nfd = new PseudonymMatcher([{ id: 'x', real: ['Ha\u0308rryda'], fictive: 'Theta' }]);
    expect(nfd.replace('i Härryda kommun'.normalize('NFC'))).toBe('i Theta kommun');
  });

  it('treats regular-expression characters in forms literally', () => {
    const odd = new PseudonymMatcher([{ id: 'x', real: ['A.B. (Bygg)'], fictive: 'Företag 1' }]);
    expect(odd.replace('på A.B. (Bygg) och AxB (Bygg)')).toBe('på Företag 1 och AxB (Bygg)');
  });

  it('finds nothing with an empty map', () => {
    expect(new PseudonymMatcher([]).find('Kerstin')).toEqual([]);
    expect(new PseudonymMatcher([]).replace('Kerstin')).toBe('Kerstin');
  });
});

describe('applyReplacements', () => {
  it('rewrites the text and counts per entry', () => {
    const text = '😀 Kerstin och Kerstins kollega i Hammarkullen.';
    const reps = matcher.find(text);
    expect(applyReplacements(text, reps)).toBe('😀 Lena och Lenas kollega i [stadsdel Y].');
    expect(Object.fromEntries(countByEntry(reps))).toEqual({ k: 2, d: 1 });
  });
});

describe('normalizeForm', () => {
  it('stores forms NFC, trimmed, with one space between words', () => {
    expect(normalizeForm('  Nya \t Hova\u030As \n')).toBe('Nya Hovås');
  });
});
