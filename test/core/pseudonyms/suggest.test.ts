import { describe, expect, it } from 'vitest';
import { compilePatterns, guessKind, mergeSuggestions, suggestPseudonyms } from '../../../src/core/pseudonyms/suggest.js';
import { kodaErrorOf } from '../support.js';

const LISTS = {
  firstNames: ['Kerstin', 'Anna', 'Per', 'Karin', 'Albin'],
  places: ['Göteborg', 'Vara', 'Mark', 'Upplands Väsby'],
};

const TRANSCRIPT = [
  'Intervju med Kerstin i Omega kommun 😀',
  '',
  'I: Hur länge har du jobbat i Hammarkullen?',
  '',
  'Kerstin: Sedan 2010. Jag och Anna Karin startade områdesteamet i Nya Hovås. Kerstins chef,',
  'Per Svensson, var emot. Vara kommun hjälpte. Vi måste vara snabba. Media skriver mycket.',
  '',
  'IP2: Ja, Göteborg är stort. Mark ligger nära, I think on Monday.',
  '',
].join('\n');

const byForm = (text: string, options = {}) =>
  Object.fromEntries(suggestPseudonyms(text, { lists: LISTS, ...options }).map((s) => [s.form, s]));

describe('suggestPseudonyms', () => {
  it('suggests capitalised words and runs that do not start a sentence, with their kind', () => {
    const s = byForm(TRANSCRIPT);
    expect(s.Hammarkullen).toMatchObject({ count: 1, reasons: ['capitalised'], kind: 'other' });
    expect(s['Anna Karin']).toMatchObject({ count: 1, kind: 'person' });
    expect(s['Nya Hovås']).toMatchObject({ count: 1 });
    expect(s.Omega).toMatchObject({ kind: 'place' });
    // A wrapped line does not start a sentence.
    expect(s['Per Svensson']).toMatchObject({ count: 1, kind: 'person' });
  });

  it('leaves out capitals at a sentence start unless the lists know the word', () => {
    const s = byForm(TRANSCRIPT);
    expect(s.Media).toBeUndefined();
    expect(s.Sedan).toBeUndefined();
    expect(s.Jag).toBeUndefined();
    expect(s.Göteborg).toMatchObject({ count: 1, reasons: ['list'], kind: 'place' });
    expect(s.Mark).toMatchObject({ count: 1, kind: 'place' });
  });

  it('keeps a listed word that is also a common word only when it is not used in lower case, or names a place', () => {
    expect(byForm('Vara är viktigt. Vi ska vara där.').Vara).toBeUndefined();
    expect(byForm('Vara är viktigt. Vi ska åka dit.').Vara).toMatchObject({ reasons: ['list'] });
    expect(byForm(TRANSCRIPT).Vara).toMatchObject({ count: 1, kind: 'place' });
  });

  it('suggests speaker labels as names, but not roles', () => {
    const s = byForm(TRANSCRIPT);
    expect(s.Kerstin).toMatchObject({ kind: 'person' });
    expect(s.Kerstin?.reasons).toEqual(['list', 'speaker']);
    expect(s.I).toBeUndefined();
    expect(s.IP2).toBeUndefined();
    expect(s.IP).toBeUndefined();
    expect(byForm('Albin Berg: hej\n\nIntervjuare: och?\n\nRespondent 2: ja')['Albin Berg']).toMatchObject({
      reasons: ['speaker'],
    });
  });

  it('counts genitives under the name, as applying would, with up to three snippets', () => {
    const s = byForm(TRANSCRIPT);
    expect(s.Kerstins).toBeUndefined();
    expect(s.Kerstin?.count).toBe(3);
    expect(s.Kerstin?.contexts).toHaveLength(3);
    expect(s.Kerstin?.contexts[2]).toMatchObject({
      before: 'de områdesteamet i Nya Hovås. ',
      text: 'Kerstin',
      after: 's chef, Per Svensson, var emot',
    });
    const many = byForm('x Anna. y Anna. z Anna. å Anna. ä Anna.');
    expect(many.Anna).toMatchObject({ count: 5 });
    expect(many.Anna?.contexts).toHaveLength(3);
  });

  it('reports snippet offsets in code points (emoji before the name)', () => {
    const text = '😀👩🏽‍🔬 hej Hammarkullen';
    const [s] = suggestPseudonyms(text);
    expect(s).toMatchObject({ form: 'Hammarkullen' });
    expect(s?.contexts[0]).toMatchObject({ start: 10, end: 22, before: '😀👩🏽‍🔬 hej ' });
  });

  it('finds capitalised words with åäö and combining marks, and names at the text’s start and end', () => {
    const s = byForm('Åsa kom. Sen kom Örjan och Zoë\u0301, och till sist Ängelholm');
    expect(s.Örjan).toBeDefined();
    expect(s.Ängelholm).toBeDefined();
    expect(Object.keys(s).some((f) => f.startsWith('Zo'))).toBe(true);
    expect(s.Åsa).toBeUndefined();
    expect(byForm('Kerstin')).toHaveProperty('Kerstin');
  });

  it('skips English non-names and all-capital words', () => {
    const s = byForm('we said I think on Monday in May that SVT and the EU were fine, I’m sure');
    expect(Object.keys(s)).toEqual([]);
  });

  it('skips forms already in the map, and every word inside them', () => {
    const done = 'Lena från [stadsdel Y] och Omega. Lena Berg kom.';
    const s = byForm(done, { exclude: ['Lena', '[stadsdel Y]', 'Omega'] });
    expect(s.Lena).toBeUndefined();
    expect(s.Y).toBeUndefined();
    expect(s.Omega).toBeUndefined();
    expect(s.Berg).toMatchObject({ count: 1 });
    const notYet = byForm(TRANSCRIPT, { exclude: ['Anna Karin', 'Kerstin'] });
    expect(notYet['Anna Karin']).toBeUndefined();
    expect(notYet.Karin).toBeUndefined();
    expect(notYet.Kerstin).toBeUndefined();
  });

  it('adds matches of the user’s patterns', () => {
    const s = byForm('ring 070-123 45 67 eller 08-555 12 34 nu', { patterns: [String.raw`\d{2,3}-\d{3} \d{2} \d{2}`] });
    expect(s['070-123 45 67']).toMatchObject({ count: 1, reasons: ['pattern'], kind: 'other' });
    expect(s['08-555 12 34']).toBeDefined();
  });

  it('refuses a pattern that is not a regular expression', () => {
    expect(kodaErrorOf(() => compilePatterns(['(oops'])).code).toBe('pseudonym.bad-pattern');
  });

  it('suggests nothing in an empty text', () => {
    expect(suggestPseudonyms('')).toEqual([]);
  });
});

describe('guessKind', () => {
  const first = new Set(['Anna']);
  const places = new Set(['Göteborg']);
  it('guesses person, organisation, place, other', () => {
    expect(guessKind('Anna Svensson', first, places)).toBe('person');
    expect(guessKind('Göteborgs Stad', first, places)).toBe('organisation');
    expect(guessKind('Göteborg', first, places)).toBe('place');
    expect(guessKind('Delta', first, places, 'län')).toBe('place');
    expect(guessKind('Xyz', first, places)).toBe('other');
  });
});

describe('mergeSuggestions', () => {
  it('sums counts over sources and keeps the first snippets with their source', () => {
    const a = suggestPseudonyms('hej Hammarkullen och Hammarkullen');
    const b = suggestPseudonyms('i Hammarkullen och Biskopsgården');
    const merged = mergeSuggestions([
      { sourceId: 'a', suggestions: a },
      { sourceId: 'b', suggestions: b },
    ]);
    expect(merged.map((m) => [m.form, m.count, m.sources])).toEqual([
      ['Hammarkullen', 3, 2],
      ['Biskopsgården', 1, 1],
    ]);
    expect(merged[0]?.contexts.map((c) => c.sourceId)).toEqual(['a', 'a', 'b']);
  });
});
