import { CodePointIndex } from '../text/codePoints.js';

/**
 * Finding the real forms of a pseudonym map in a text (pure, no I/O).
 *
 * Matching rules, the same for texts, memos and names:
 * - a real form matches as a whole word: the characters either side are not letters, marks or
 *   digits (so `Kerstin` is found in `(Kerstin)`, `😀Kerstin`, `_Kerstin_` and `Anna-Kerstin`,
 *   never in `Kerstina`);
 * - a Swedish genitive `s` after a form is allowed and kept: `Kerstins` → fictive + `s`
 *   (English `Kerstin's` needs no rule: the apostrophe already ends the word);
 * - case-sensitive in texts: `Vara` the municipality is not `vara` the verb; give other
 *   spellings (`KERSTIN`) as further real forms of the same entry. Labels made from file names
 *   (`kerstin_intervju`) can be matched ignoring case (`replace(label, { ignoreCase: true })`);
 * - a space in a form matches any run of spaces, tabs or no-break spaces, never a line break;
 * - where forms overlap, the leftmost occurrence wins, and at one position the longest form
 *   (`Nya Hovås` before `Nya`), so the replacements never overlap.
 * Offsets are code points of the text (see text/codePoints.ts).
 */

/** One entry of the map as the matcher needs it: its real forms and the fictive form replacing them. */
export interface PseudonymMapping {
  id: string;
  real: readonly string[];
  fictive: string;
}

/** One occurrence of a real form: `[start, end)` in code points of the text it was found in. */
export interface Replacement {
  start: number;
  end: number;
  entryId: string;
  fictive: string;
  /** Length of `fictive` in code points. */
  fictiveLength: number;
}

/** Letters, marks and digits: what a real form may not touch on either side. */
export const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;

/** The stored form of a real or fictive form: NFC (as texts are), whitespace runs as one space, trimmed. */
export function normalizeForm(form: string): string {
  return form.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const escapeRegExp = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, (c) => `\\${c}`);

/** Finds and replaces the real forms of a set of mappings; build once, use on many texts. */
export class PseudonymMatcher {
  private readonly pattern: RegExp | null;
  private readonly caseless: RegExp | null;
  private readonly byForm = new Map<string, PseudonymMapping>();
  private readonly byLowerForm = new Map<string, PseudonymMapping>();
  private readonly fictiveLength = new Map<string, number>();

  constructor(mappings: readonly PseudonymMapping[]) {
    for (const m of mappings) {
      for (const raw of m.real) {
        const form = normalizeForm(raw);
        if (form && !this.byForm.has(form)) this.byForm.set(form, m);
        if (form && !this.byLowerForm.has(form.toLowerCase())) this.byLowerForm.set(form.toLowerCase(), m);
      }
      this.fictiveLength.set(m.fictive, [...m.fictive].length);
    }
    // Longest first: at one position the alternation takes the first form that matches.
    const forms = [...this.byForm.keys()].sort((a, b) => [...b].length - [...a].length || (a < b ? -1 : a > b ? 1 : 0));
    const source = `(?<!${WORD_CHAR})(?:${forms.map((f) => escapeRegExp(f).replaceAll(' ', '[ \\t\\u00A0]+')).join('|')})(?=s?(?!${WORD_CHAR}))`;
    this.pattern = forms.length === 0 ? null : new RegExp(source, 'gu');
    this.caseless = forms.length === 0 ? null : new RegExp(source, 'giu');
  }

  get size(): number {
    return this.byForm.size;
  }

  /** Every occurrence in `text`, ascending and non-overlapping. */
  find(text: string, index: CodePointIndex = new CodePointIndex(text), options: { ignoreCase?: boolean } = {}): Replacement[] {
    const pattern = options.ignoreCase ? this.caseless : this.pattern;
    if (!pattern) return [];
    const out: Replacement[] = [];
    for (const m of text.matchAll(pattern)) {
      const matched = m[0].replace(/[ \t\u00A0]+/g, ' ');
      const mapping = options.ignoreCase ? this.byLowerForm.get(matched.toLowerCase()) : this.byForm.get(matched);
      if (!mapping) continue;
      out.push({
        start: index.toCodePoint(m.index),
        end: index.toCodePoint(m.index + m[0].length),
        entryId: mapping.id,
        fictive: mapping.fictive,
        fictiveLength: this.fictiveLength.get(mapping.fictive) ?? [...mapping.fictive].length,
      });
    }
    return out;
  }

  /** `text` with every real form replaced (for short texts: memos, names, labels). */
  replace(text: string, options: { ignoreCase?: boolean } = {}): string {
    if (!this.pattern || text === '') return text;
    const index = new CodePointIndex(text);
    return applyReplacements(text, this.find(text, index, options), index);
  }
}

/** The text with `replacements` (ascending, non-overlapping, from `find` on this text) applied. */
export function applyReplacements(
  text: string,
  replacements: readonly Replacement[],
  index: CodePointIndex = new CodePointIndex(text),
): string {
  if (replacements.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const r of replacements) {
    const from = index.toUtf16(r.start);
    parts.push(text.slice(at, from), r.fictive);
    at = index.toUtf16(r.end);
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Occurrences per entry id. */
export function countByEntry(replacements: readonly Replacement[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of replacements) out.set(r.entryId, (out.get(r.entryId) ?? 0) + 1);
  return out;
}
