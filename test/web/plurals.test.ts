import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { i18n } from '../../web/src/i18n/index.js';
import { sv } from '../../web/src/i18n/sv.js';

const t = (lng: 'sv' | 'en', key: string, params: Record<string, unknown>) => i18n.getFixedT(lng)(key, params);
const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' ? values(v) : [v as string]));

/** A message for 1 and for 2, in one language. */
const both = (lng: 'sv' | 'en', key: string, params: (n: number) => Record<string, unknown> = (count) => ({ count })) => [
  t(lng, key, params(1)),
  t(lng, key, params(2)),
];

describe('counts in the UI are singular for 1 and plural otherwise, in both languages', () => {
  it('the auto-coding preview', () => {
    const summary = (n: number) => ({ count: n, hits: n, sources: n, already: n, coder: 'anna' });
    expect(both('en', 'queries.autocode.summary', summary)).toEqual([
      '1 new segment from 1 hit in 1 source; 1 already coded in the layer of anna. Nothing is written yet.',
      '2 new segments from 2 hits in 2 sources; 2 already coded in the layer of anna. Nothing is written yet.',
    ]);
    expect(both('sv', 'queries.autocode.summary', summary)).toEqual([
      '1 nytt segment från 1 träff i 1 källa; 1 redan kodat i annas lager. Inget är skrivet än.',
      '2 nya segment från 2 träffar i 2 källor; 2 redan kodade i annas lager. Inget är skrivet än.',
    ]);
    expect(both('en', 'queries.autocode.apply')).toEqual(['Code 1 segment', 'Code 2 segments']);
  });

  it('coded segments, sources and codes wherever they are counted', () => {
    expect(both('en', 'doc.segmentsCount')).toEqual(['1 coded segment', '2 coded segments']);
    expect(both('sv', 'doc.segmentsCount')).toEqual(['1 kodat segment', '2 kodade segment']);
    expect(both('en', 'retrieval.count')).toEqual(['1 segment', '2 segments']);
    expect(both('en', 'refi.counts.sources')).toEqual(['1 source', '2 sources']);
    expect(both('sv', 'refi.counts.sources')).toEqual(['1 källa', '2 källor']);
    expect(both('sv', 'refi.counts.codes')).toEqual(['1 kod', '2 koder']);
    expect(both('en', 'withdraw.kinds.pseudonymEntries')).toEqual([
      '1 pseudonym entry only their material used',
      '2 pseudonym entries only their material used',
    ]);
    expect(both('sv', 'withdraw.kinds.attachments')).toEqual([
      '1 bifogad fil, till exempel den underskrivna blanketten',
      '2 bifogade filer, till exempel den underskrivna blanketten',
    ]);
    expect(both('en', 'codebook.deleteDetail', (n) => ({ codes: n, segments: n }))).toEqual([
      'This removes 1 code and 1 coded segment. You can undo it.',
      'This removes 2 codes and 2 coded segments. You can undo it.',
    ]);
    expect(both('sv', 'codebook.merged')).toEqual(['Ihopslaget: 1 segment flyttat.', 'Ihopslaget: 2 segment flyttade.']);
  });

  it('counts of a total take the noun from the total', () => {
    expect(t('en', 'privacy.missing', { count: 1, total: 1 })).toBe('1 of 1 case has no recorded consent.');
    expect(t('en', 'privacy.missing', { count: 2, total: 3 })).toBe('2 of 3 cases have no recorded consent.');
    expect(t('en', 'queries.shares.heading', { code: 'media', count: 1, total: 2 })).toBe('“media” is found with 1 of 2 cases');
    expect(both('en', 'queries.search.summary', (n) => ({ count: n, sources: n }))).toEqual([
      '1 place in 1 source.',
      '2 places in 2 sources.',
    ]);
    expect(both('sv', 'queries.search.summary', (n) => ({ count: n, sources: n }))).toEqual([
      '1 ställe i 1 källa.',
      '2 ställen i 2 källor.',
    ]);
    expect(both('sv', 'pseudo.applied', (n) => ({ replacements: n, changed: n }))).toEqual([
      'Tillämpat: 1 ersättning i 1 källa.',
      'Tillämpat: 2 ersättningar i 2 källor.',
    ]);
  });

  it('leaves no “(s)”, “(er)” or “källa/källor” for the reader to sort out', () => {
    const hedged = /\((s|er|n|ar|e|r|y\/ies)\)|källa\/källor/;
    expect(values(en).filter((v) => hedged.test(v))).toEqual([]);
    expect(values(sv).filter((v) => hedged.test(v))).toEqual([]);
  });
});
