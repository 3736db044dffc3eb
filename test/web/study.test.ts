import { describe, expect, it } from 'vitest';
import { downloadName } from '../../web/src/refiApi.js';
import { href, parseRoute, type Route } from '../../web/src/router.js';
import { formatCount, formatFigure, readPattern } from '../../web/src/study/figures.js';
import { bytesToBase64, confirmMatches, detailPairs, erasedCounts, parseForms } from '../../web/src/study/forms.js';
import { contextAround, markPieces, selectionToSpan } from '../../web/src/study/regions.js';
import { TextOffsets } from '../../web/src/text/offsets.js';
import { warningText } from '../../web/src/warnings.js';

describe('agreement figures as shown', () => {
  it('gives coefficients to three decimals in the language, percent agreement as a percentage', () => {
    expect(formatFigure({ value: 0.7351, reason: null }, 'en')).toBe('0.735');
    expect(formatFigure({ value: 0.7351, reason: null }, 'sv')).toBe('0,735');
    expect(formatFigure({ value: 0.9407, reason: null }, 'en', 'percent')).toBe('94.1 %');
    expect(formatFigure({ value: -0.05, reason: null }, 'en')).toBe('-0.050');
  });

  it('never shows an undefined figure as a number', () => {
    expect(formatFigure({ value: null, reason: 'no-variation' }, 'en')).toBe('—');
    expect(formatFigure({ value: null, reason: 'needs-two-coders' }, 'sv', 'percent')).toBe('—');
  });

  it('shows counts whole, and other inputs to four decimals', () => {
    expect(formatCount(1234, 'en')).toBe('1,234');
    expect(formatCount(0.77634, 'en')).toBe('0.7763');
    expect(formatCount(null, 'en')).toBe('—');
  });

  it('reads a coding pattern coder by coder', () => {
    expect(readPattern('10', ['anna', 'bo'])).toEqual({ coded: ['anna'], notCoded: ['bo'], missing: [] });
    expect(readPattern('1-0', ['a', 'b', 'c'])).toEqual({ coded: ['a'], notCoded: ['c'], missing: ['b'] });
    expect(readPattern('00', ['a', 'b'])).toEqual({ coded: [], notCoded: ['a', 'b'], missing: [] });
  });
});

describe('the disagreement view: marking a place and picking a new span', () => {
  // "Vi 😀 har ett områdesteam": the emoji is one code point, two UTF-16 units.
  const text = 'Vi 😀 har ett områdesteam';

  it('cuts a place into marked and unmarked stretches by code points of the source', () => {
    // The place starts at code point 100 of its source; "har ett" is code points 105–112.
    expect(markPieces(text, 100, [{ start: 105, end: 112 }])).toEqual([
      { text: 'Vi 😀 ', marked: false },
      { text: 'har ett', marked: true },
      { text: ' områdesteam', marked: false },
    ]);
  });

  it('joins overlapping spans and clamps spans reaching outside the place', () => {
    expect(
      markPieces(text, 100, [
        { start: 90, end: 102 },
        { start: 101, end: 104 },
        { start: 113, end: 200 },
      ]),
    ).toEqual([
      { text: 'Vi 😀', marked: true },
      { text: ' har ett ', marked: false },
      { text: 'områdesteam', marked: true },
    ]);
    expect(markPieces(text, 100, [])).toEqual([{ text, marked: false }]);
  });

  it('turns a text-field selection (UTF-16) into a trimmed span of code points', () => {
    const at = text.indexOf('har');
    // " har ett " selected with its spaces: trimmed to "har ett" = code points 105–112.
    expect(selectionToSpan(text, 100, at - 1, at + 8)).toEqual({ start: 105, end: 112 });
    expect(selectionToSpan(text, 100, 3, 3)).toBeNull();
    expect(selectionToSpan(text, 100, 2, 3)).toBeNull(); // only a space
    // A selection ending inside the emoji's surrogate pair takes the whole emoji.
    expect(selectionToSpan(text, 0, 3, 4)).toEqual({ start: 3, end: 4 });
  });

  it('gives whole words of context, never across a blank line, and where it starts', () => {
    const source = new TextOffsets('I: Hur?\n\nAlbin: Vi har 😀 ett områdesteam och en mötesplats i centrum. Slut.');
    const start = source.toCodePoint(source.text.indexOf('ett'));
    const around = contextAround(source, { start, end: start + 'ett områdesteam'.length }, 14);
    expect(around.before).toBe('Vi har 😀 ');
    expect(around.after).toBe(' och en');
    expect(source.text.slice(source.toUtf16(around.start)).startsWith('Vi har')).toBe(true);
    const first = contextAround(source, { start: 9, end: 14 }, 40);
    expect(first.before).toBe(''); // "Albin" starts its paragraph
  });
});

describe('privacy helpers', () => {
  it('encodes a signed form as base64, as the API decodes it', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('confirms a withdrawal only with the case’s exact name', () => {
    expect(confirmMatches('Albin', 'Albin')).toBe(true);
    expect(confirmMatches('  Albin ', 'Albin')).toBe(true);
    expect(confirmMatches('albin', 'Albin')).toBe(false);
    expect(confirmMatches('Albi', 'Albin')).toBe(false);
    expect(confirmMatches('Ame\u0301lie', 'Amélie')).toBe(true);
    expect(confirmMatches('', '')).toBe(false);
  });

  it('names only what a withdrawal erases, in a fixed order', () => {
    expect(erasedCounts({ segments: 3, sources: 1, memos: 0, attachments: 1 })).toEqual([
      { kind: 'sources', count: 1 },
      { kind: 'segments', count: 3 },
      { kind: 'attachments', count: 1 },
    ]);
  });

  it('reads real forms typed as a list', () => {
    expect(parseForms('Kerstin, KERSTIN; Kerstin\n Kerstins ,')).toEqual(['Kerstin', 'KERSTIN', 'Kerstins']);
    expect(parseForms(' , ')).toEqual([]);
  });

  it('lists an audit event’s counts and flags, leaving nested values out', () => {
    expect(detailPairs({ segments: 2, sources: 1, dryRun: false, nested: { a: 1 }, none: null })).toEqual([
      ['dryRun', 'false'],
      ['segments', '2'],
      ['sources', '1'],
    ]);
  });
});

describe('REFI-QDA downloads', () => {
  it('takes the file name from Content-Disposition, the UTF-8 form first', () => {
    expect(downloadName(`attachment; filename="Omega _demo_.qdpx"; filename*=UTF-8''Omega%20%C3%A5.qdpx`, 'x')).toBe(
      'Omega å.qdpx',
    );
    expect(downloadName('attachment; filename="Studie.qdc"', 'x')).toBe('Studie.qdc');
    expect(downloadName(null, 'koda.qdpx')).toBe('koda.qdpx');
  });
});

describe('routes of the project pages', () => {
  it('parses and writes every page, compare with or without a source', () => {
    const routes: Route[] = [
      { view: 'privacy', project: 'Studie' },
      { view: 'pseudonyms', project: 'Studie' },
      { view: 'audit', project: 'Studie' },
      { view: 'coders', project: 'Studie' },
      { view: 'agreement', project: 'Studie' },
      { view: 'compare', project: 'Studie', source: null },
      { view: 'compare', project: 'Stu die', source: 'intervju å' },
    ];
    for (const r of routes) expect(parseRoute(href(r))).toEqual(r);
    expect(parseRoute('#/p/Studie/nonsense')).toEqual({ view: 'overview', project: 'Studie' });
  });
});

describe('warnings in plain words', () => {
  const t = ((key: string, options?: { defaultValue?: string; case?: string }) =>
    key === 'warnings.consent_missing' ? `No consent for ${options?.case}` : (options?.defaultValue ?? key)) as never;

  it('uses the UI’s message for a known code, else the API’s message, else the code', () => {
    expect(warningText(t, { code: 'consent.missing', params: { case: 'Albin' } })).toBe('No consent for Albin');
    expect(warningText(t, { code: 'other.thing', message: 'Said by the API' })).toBe('Said by the API');
    expect(warningText(t, { code: 'other.thing' })).toBe('other.thing');
  });
});
