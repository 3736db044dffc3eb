import { STEM_LANGUAGES, stemmer } from '../queries/stemming.js';
import { words } from '../queries/words.js';

/**
 * Searching memos by words: a memo matches when each word asked for is found in its title or
 * body, case-insensitively, as the start of a word there (`handling` finds `handlingsutrymme`)
 * or as a word of the same Snowball stem in Swedish or English (`hindren` finds `hinder`,
 * `strategies` finds `strategy`). Every word must be found (AND), in any order; no words asked
 * for matches every memo.
 */
export function memoMatcher(query: string): (text: string) => boolean {
  const wanted = words(query).map((w) => ({ word: w.text, stems: stemsOf(w.text) }));
  if (wanted.length === 0) return () => true;
  return (text) => {
    const found = words(text).map((w) => w.text);
    const stems = new Set(found.flatMap(stemsOf));
    return wanted.every((w) => w.stems.some((s) => stems.has(s)) || found.some((f) => f.startsWith(w.word)));
  };
}

const stemsOf = (word: string) => STEM_LANGUAGES.map((l) => `${l}:${stemmer(l)(word)}`);
