import { describe, expect, it } from 'vitest';
import { i18n } from '../../web/src/i18n/index.js';

const t = (lng: 'sv' | 'en', key: string, params: Record<string, unknown>) => i18n.getFixedT(lng)(key, params);

describe('counts in the UI are singular for 1 and plural otherwise, in both languages', () => {
  it('the auto-coding preview', () => {
    const one = { count: 1, hits: 1, sources: 1, already: 1, coder: 'anna' };
    const two = { count: 2, hits: 2, sources: 2, already: 2, coder: 'anna' };
    expect(t('en', 'queries.autocode.summary', one)).toBe(
      '1 new segment from 1 hit in 1 source; 1 already coded in the layer of anna. Nothing is written yet.',
    );
    expect(t('en', 'queries.autocode.summary', two)).toBe(
      '2 new segments from 2 hits in 2 sources; 2 already coded in the layer of anna. Nothing is written yet.',
    );
    expect(t('sv', 'queries.autocode.summary', one)).toBe(
      '1 nytt segment från 1 träff i 1 källa; 1 redan kodat i annas lager. Inget är skrivet än.',
    );
    expect(t('sv', 'queries.autocode.summary', two)).toBe(
      '2 nya segment från 2 träffar i 2 källor; 2 redan kodade i annas lager. Inget är skrivet än.',
    );
    expect(t('en', 'queries.autocode.apply', { count: 1 })).toBe('Code 1 segment');
    expect(t('en', 'queries.autocode.apply', { count: 2 })).toBe('Code 2 segments');
  });
});
