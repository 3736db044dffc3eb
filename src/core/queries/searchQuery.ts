import { type StemLanguage, stemmer } from './stemming.js';
import { type Word, words } from './words.js';

/**
 * A text search query: bare words and "quoted phrases". Every term must occur in a paragraph
 * for it to match (AND); a phrase is its words in a row. Words are compared by their stems, in
 * each of the languages searched: a term matches when its stems in one language equal the
 * text's stems in that same language, word for word.
 */
export interface SearchTerm {
  /** The term's words, lower case. */
  words: string[];
}

export function parseSearchQuery(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const parts = /"([^"]*)"?|([^\s"]+)/g;
  for (const m of query.matchAll(parts)) {
    const found = words(m[1] ?? m[2] ?? '').map((w) => w.text);
    // A bare token such as `Anna-Karin` holds several words: they form a phrase too.
    if (found.length > 0) terms.push({ words: found });
  }
  return terms;
}

/** The stems of each term in each language. */
export function stemTerms(terms: SearchTerm[], languages: readonly StemLanguage[]): Record<StemLanguage, string[][]> {
  const out = {} as Record<StemLanguage, string[][]>;
  for (const lang of languages) {
    const stem = stemmer(lang);
    out[lang] = terms.map((t) => t.words.map(stem));
  }
  return out;
}

/** An FTS5 string literal. */
const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * The FTS5 MATCH expression over the index's stem columns (one column per language, named by
 * the language): each term as a phrase of stems in any of the languages, all terms required.
 */
export function ftsExpression(stems: Partial<Record<StemLanguage, string[][]>>, termCount: number): string {
  const clauses: string[] = [];
  for (let i = 0; i < termCount; i++) {
    const alternatives = Object.entries(stems).map(([lang, perTerm]) => `${lang} : ${quote((perTerm?.[i] ?? []).join(' '))}`);
    clauses.push(alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`);
  }
  return clauses.join(' AND ');
}

/** Where the terms occur in `text` (UTF-16 ranges, in order), each term matched in any language. */
export function findTerms(
  text: string,
  stems: Partial<Record<StemLanguage, string[][]>>,
): { start: number; end: number; term: number }[] {
  const tokens = words(text);
  const tokenStems = Object.fromEntries(
    Object.keys(stems).map((lang) => {
      const stem = stemmer(lang as StemLanguage);
      return [lang, tokens.map((w: Word) => stem(w.text))];
    }),
  ) as Record<string, string[]>;
  const hits: { start: number; end: number; term: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    for (const [lang, perTerm] of Object.entries(stems)) {
      const own = tokenStems[lang] as string[];
      let matched = -1;
      (perTerm ?? []).forEach((phrase, term) => {
        if (matched < 0 && phrase.length > 0 && phrase.every((s, k) => own[i + k] === s)) matched = term;
      });
      if (matched >= 0) {
        const phrase = (perTerm as string[][])[matched] as string[];
        hits.push({ start: (tokens[i] as Word).start, end: (tokens[i + phrase.length - 1] as Word).end, term: matched });
        break;
      }
    }
  }
  return hits;
}

/** Whether every term occurs among `hits`. */
export function allTermsFound(hits: { term: number }[], termCount: number): boolean {
  const seen = new Set(hits.map((h) => h.term));
  return seen.size === termCount;
}
