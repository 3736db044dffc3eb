import { describe, expect, it } from 'vitest';
import { differenceWords, placeWords } from '../../web/src/study/regions.js';

describe('the disagreement view in words', () => {
  it('gives each difference as the words it covers, counted in code points past an emoji', () => {
    // The source: "Ja 😀 media ger en farlig bild." with the region from code point 5 ("media …").
    const region = {
      start: 5,
      text: 'media ger en farlig bild.',
      differences: [
        { start: 5, end: 10, codedBy: ['anna'] },
        { start: 18, end: 30, codedBy: ['bo', 'cai'] },
      ],
    };
    expect(differenceWords(region, ['anna', 'bo', 'cai'])).toEqual([
      { start: 5, words: 'media', codedBy: ['anna'], notBy: ['bo', 'cai'] },
      { start: 18, words: 'farlig bild.', codedBy: ['bo', 'cai'], notBy: ['anna'] },
    ]);
  });

  it('runs white space together and shortens a long place visibly', () => {
    expect(placeWords('Alfa\n\nbeta  gamma ')).toBe('Alfa beta gamma');
    const long = placeWords('ord '.repeat(40));
    expect([...long]).toHaveLength(80);
    expect(long.endsWith('…')).toBe(true);
  });
});
