import snowball from 'snowball-stemmers';

/**
 * Snowball stemming for Swedish and English (`snowball-stemmers`, a port of the Snowball
 * algorithms): `möjligheterna` and `möjlighet` share the stem `möj`, `strategies` and
 * `strategy` share `strategi`. Search indexes and queries, and auto-coding by stem, all stem
 * through here, so a query is always stemmed the way the index was.
 */
export type StemLanguage = 'sv' | 'en';
export const STEM_LANGUAGES: readonly StemLanguage[] = ['sv', 'en'];

const ALGORITHM: Record<StemLanguage, string> = { sv: 'swedish', en: 'english' };

/** Stems of words seen, per language: interview speech repeats a small vocabulary. */
const CACHE_LIMIT = 200_000;
const caches: Record<StemLanguage, Map<string, string>> = { sv: new Map(), en: new Map() };
const stemmers = new Map<StemLanguage, (word: string) => string>();

/** The stemmer of `language`: a lower-case word in, its stem out. */
export function stemmer(language: StemLanguage): (word: string) => string {
  const known = stemmers.get(language);
  if (known) return known;
  const algorithm = snowball.newStemmer(ALGORITHM[language]);
  const cache = caches[language];
  const stem = (word: string): string => {
    let s = cache.get(word);
    if (s === undefined) {
      s = algorithm.stem(word);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(word, s);
    }
    return s;
  };
  stemmers.set(language, stem);
  return stem;
}
