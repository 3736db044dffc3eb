import { invalid } from '../errors.js';
import { type StemLanguage, stemmer } from '../queries/stemming.js';
import { words } from '../queries/words.js';

/**
 * What auto-coding looks for, compiled to a finder over a text:
 * - `word`: the word (or words) whole, not inside a longer word: `hinder` finds "Hinder" and
 *   "hinder," but not "hindren" (Unicode word boundaries: letters, marks and digits of any script);
 * - `phrase`: the words in a row, any whitespace (line breaks too) between them;
 * - `stem`: any word with the same Snowball stem (`möjlighet` finds "möjligheterna"); several
 *   words find the stems in a row;
 * - `regex`: a JavaScript regular expression (Unicode mode), e.g. `samverk\w*`.
 * Case is ignored unless asked. Hits are UTF-16 ranges of the text searched, in order, never
 * empty; the caller converts to code points.
 */
export type PatternKind = 'word' | 'phrase' | 'stem' | 'regex';
export const PATTERN_KINDS: readonly PatternKind[] = ['word', 'phrase', 'stem', 'regex'];

export interface PatternOptions {
  caseSensitive?: boolean;
  /** For `stem`: the language to stem in. */
  language?: StemLanguage;
}

export interface Finder {
  find(text: string): { start: number; end: number }[];
}

/** Longest pattern accepted: a pattern is typed, not pasted text. */
export const PATTERN_MAX = 500;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{M}\\p{N}])';
const NOT_WORD_AFTER = '(?![\\p{L}\\p{M}\\p{N}])';

export function compilePattern(kind: PatternKind, pattern: string, options: PatternOptions = {}): Finder {
  const text = pattern.trim();
  if (text.length === 0 || text.length > PATTERN_MAX)
    throw invalid('autocode.pattern', { pattern: text.slice(0, 40), max: PATTERN_MAX });
  const flags = `gu${options.caseSensitive ? '' : 'i'}`;
  if (kind === 'word' || kind === 'phrase') {
    const parts = text.split(/\s+/).map(escapeRegex);
    return regexFinder(new RegExp(`${NOT_WORD_BEFORE}${parts.join('\\s+')}${NOT_WORD_AFTER}`, flags));
  }
  if (kind === 'regex') {
    let re: RegExp;
    try {
      re = new RegExp(text, flags);
    } catch (e) {
      throw invalid('autocode.regex', { pattern: text.slice(0, 80), problem: (e as Error).message });
    }
    return regexFinder(re);
  }
  const stem = stemmer(options.language ?? 'sv');
  const wanted = words(text).map((w) => stem(w.text));
  if (wanted.length === 0) throw invalid('autocode.pattern', { pattern: text.slice(0, 40), max: PATTERN_MAX });
  return {
    find(source) {
      const tokens = words(source);
      const stems = tokens.map((w) => stem(w.text));
      const hits: { start: number; end: number }[] = [];
      for (let i = 0; i + wanted.length <= tokens.length; i++) {
        if (!wanted.every((s, k) => stems[i + k] === s)) continue;
        hits.push({ start: tokens[i]?.start as number, end: tokens[i + wanted.length - 1]?.end as number });
        i += wanted.length - 1;
      }
      return hits;
    },
  };
}

function regexFinder(re: RegExp): Finder {
  return {
    find(source) {
      const hits: { start: number; end: number }[] = [];
      re.lastIndex = 0;
      for (let m = re.exec(source); m !== null; m = re.exec(source)) {
        // An empty match codes nothing: step past it.
        if (m[0].length === 0) {
          re.lastIndex = m.index + ((source.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
          continue;
        }
        hits.push({ start: m.index, end: m.index + m[0].length });
      }
      return hits;
    },
  };
}
