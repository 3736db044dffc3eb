import { invalid } from '../errors.js';
import { CodePointIndex } from '../text/codePoints.js';
import { matchSpeakerPrefix } from '../transcript/turns.js';
import type { PseudonymKind } from './kinds.js';
import { normalizeForm, PseudonymMatcher } from './replace.js';

/**
 * Suggestions for a pseudonym map (pure, no I/O): names and places found in a text, each with
 * how often it occurs and a few keyword-in-context snippets, for the researcher to accept or
 * reject. Found are:
 * - capitalised words, or runs of up to four capitalised words (`Anna Karin`, `Nya Hovås`),
 *   that do not start a sentence (a sentence starts after `.`, `!`, `?`, `…`, `:`, a blank line
 *   or the start of the text; a single line break, as in wrapped text, does not start one);
 * - words of the shipped name and place lists, also at a sentence start, unless the text also
 *   uses the word in lower case (`Vara` the municipality vs `vara` the verb);
 * - speaker labels at the start of a turn (`Albin:`), which in a raw transcript are real names,
 *   except roles (`I`, `IP`, `Intervjuare`, `Respondent 2`);
 * - matches of the user's own patterns.
 * All-capital words (`SVT`, `EU`) are left to the lists and patterns. Forms already in the map
 * (real or fictive) are skipped, and so is every word inside an occurrence of them. The count
 * is what applying the form would replace (the same matcher: whole words, genitive `s`).
 */

export type SuggestionReason = 'capitalised' | 'list' | 'speaker' | 'pattern';

export interface NameLists {
  /** First names (Swedish, English …): their words suggest a person. */
  firstNames: Iterable<string>;
  /** Places (municipalities, towns, districts, cities). */
  places: Iterable<string>;
}

export interface SuggestOptions {
  lists?: NameLists;
  /** The user's patterns (regular expression sources, Unicode). */
  patterns?: readonly string[];
  /** Forms to leave out: the map's real and fictive forms. */
  exclude?: Iterable<string>;
  /** Snippets kept per candidate (default 3). */
  contexts?: number;
  /** Code points of context either side of a snippet (default 30). */
  contextWidth?: number;
}

export interface SuggestionContext {
  /** `[start, end)` of the occurrence, code points. */
  start: number;
  end: number;
  /** Text before and after, whitespace runs shown as one space. */
  before: string;
  text: string;
  after: string;
}

export interface Suggestion {
  form: string;
  kind: PseudonymKind;
  count: number;
  reasons: SuggestionReason[];
  contexts: SuggestionContext[];
}

/** Capitalised words that are not names: pronoun contractions, titles, days and months. */
const NOT_NAMES = new Set(
  (
    "I I'm I've I'll I'd Mr Mrs Ms Dr OK Okay Monday Tuesday Wednesday Thursday Friday Saturday Sunday " +
    'January February March April May June July August September October November December'
  ).split(' '),
);

/** Speaker labels that name a role, not a person (compared in lower case, number dropped). */
const ROLES = new Set(
  (
    'i ip int intervjuare intervjuaren interviewer respondent resp informant deltagare participant moderator ' +
    'fråga svar question answer q a f s forskare researcher student sekreterare'
  ).split(' '),
);

/** Words that make a run of capitalised words an organisation. */
const ORGANISATION_WORDS = new Set(
  (
    'AB Kommun Kommunen Stad Staden Region Regionen Landsting Universitet Universitetet University College Högskola ' +
    'Högskolan Skola Skolan School Förening Föreningen Förbund Förbundet Sjukhus Sjukhuset Hospital Council Inc Ltd ' +
    'Group Bostäder Fastigheter Stiftelse Stiftelsen Foundation Trust Church Kyrka Kyrkan Partiet Party'
  ).split(' '),
);

/** Lower-case words after a name that make it a place: `Omega kommun`, `Delta län`. */
const PLACE_AFTER = new Set(['kommun', 'stad', 'län', 'socken', 'församling', 'stadsdel', 'county', 'city']);

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*/gu;
const CAPITALISED = /^\p{Lu}.*\p{Ll}/u;
const MAX_RUN = 4;

interface Token {
  /** UTF-16 range. */
  from: number;
  to: number;
  word: string;
}

interface Found {
  reasons: Set<SuggestionReason>;
  kind: PseudonymKind | null;
}

/** Compiles the user's patterns; an invalid one is refused with its text. */
export function compilePatterns(patterns: readonly string[]): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p, 'gu');
    } catch {
      throw invalid('pseudonym.bad-pattern', { pattern: p });
    }
  });
}

export function suggestPseudonyms(text: string, options: SuggestOptions = {}): Suggestion[] {
  const firstNames = new Set([...(options.lists?.firstNames ?? [])].map(normalizeForm));
  const places = new Set([...(options.lists?.places ?? [])].map(normalizeForm));
  const excluded = new Set([...(options.exclude ?? [])].map(normalizeForm).filter(Boolean));
  const index = new CodePointIndex(text);

  // Words inside occurrences of forms already in the map are never suggested.
  const masked = maskedRanges(text, [...excluded]);
  const isMasked = (from: number, to: number) => overlaps(masked, from, to);

  const found = new Map<string, Found>();
  const note = (form: string, reason: SuggestionReason, kind: PseudonymKind | null) => {
    const f = normalizeForm(form);
    if (!f || excluded.has(f)) return;
    const entry = found.get(f) ?? { reasons: new Set<SuggestionReason>(), kind: null };
    entry.reasons.add(reason);
    entry.kind ??= kind;
    found.set(f, entry);
  };

  // 1. Speaker labels at the start of a line.
  const labels: Array<[number, number]> = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const prefix = matchSpeakerPrefix(line);
    if (prefix) {
      labels.push([lineStart, lineStart + prefix.length]);
      const label = prefix.speaker
        .replace(/\s?\d{1,3}$/, '')
        .replace(/[*_]/g, '')
        .trim();
      const at = line.indexOf(label);
      if (
        label.length > 1 &&
        !ROLES.has(label.toLowerCase()) &&
        !(at >= 0 && isMasked(lineStart + at, lineStart + at + label.length))
      ) {
        note(label, 'speaker', 'person');
      }
    }
    lineStart += line.length + 1;
  }

  // 2. Capitalised words and runs of them; list words also at a sentence start.
  const tokens: Token[] = [];
  const lowerWords = new Set<string>();
  for (const m of text.matchAll(TOKEN)) {
    const word = m[0].replace(/['’]s$/u, '');
    const from = m.index;
    if (/^\p{Ll}/u.test(word)) lowerWords.add(word);
    tokens.push({ from, to: from + word.length, word });
  }
  const inLabel = (t: Token) => overlaps(labels, t.from, t.from + 1);
  const nameLike = (t: Token) =>
    CAPITALISED.test(t.word) && !NOT_NAMES.has(t.word.replaceAll('’', "'")) && !inLabel(t) && !isMasked(t.from, t.to);
  const listed = (form: string) => firstNames.has(form) || places.has(form);

  for (let i = 0; i < tokens.length; ) {
    const first = tokens[i] as Token;
    if (!nameLike(first)) {
      i++;
      continue;
    }
    const run: Token[] = [first];
    let j = i + 1;
    while (j < tokens.length && run.length < MAX_RUN) {
      const next = tokens[j] as Token;
      const gap = text.slice((run.at(-1) as Token).to, next.from);
      if ((gap !== ' ' && gap !== '\u00A0') || !nameLike(next)) break;
      run.push(next);
      j++;
    }
    i = j;
    let words = run.map((t) => t.word);
    const last = run.at(-1) as Token;
    const nextWord = /^[ \u00A0]+(\p{Ll}+)/u.exec(text.slice(last.to, last.to + 20))?.[1];
    const atStart = sentenceStart(text, first.from);
    let reason: SuggestionReason = 'capitalised';
    if (atStart) {
      // A capital at a sentence start says nothing: keep the run only if the lists know it.
      const whole = words.join(' ');
      if (words.length > 1) {
        if (listed(whole) || listed(words[0] as string)) reason = 'list';
        else {
          words = words.slice(1);
          run.shift();
        }
      } else if (listed(whole) && (!lowerWords.has(whole.toLowerCase()) || PLACE_AFTER.has(nextWord ?? ''))) {
        reason = 'list';
      } else {
        continue;
      }
    }
    if (listed(words.join(' '))) reason = 'list';
    const form = words.join(' ');
    note(form, reason, guessKind(form, firstNames, places, nextWord));
  }

  // 3. The user's patterns.
  for (const pattern of compilePatterns(options.patterns ?? [])) {
    for (const m of text.matchAll(pattern)) {
      if (m[0] && !isMasked(m.index, m.index + m[0].length)) note(m[0], 'pattern', null);
    }
  }

  // A genitive form counts under its base form when that is a candidate or a listed name.
  for (const [form, entry] of [...found]) {
    const base = form.slice(0, -1);
    if (form.length > 2 && form.endsWith('s') && (found.has(base) || listed(base))) {
      found.delete(form);
      const target = found.get(base) ?? { reasons: new Set<SuggestionReason>(), kind: entry.kind };
      for (const r of entry.reasons) target.reasons.add(r);
      found.set(base, target);
    }
  }

  // Count and show them as applying them would find them.
  const forms = [...found.keys()];
  const matcher = new PseudonymMatcher(forms.map((f) => ({ id: f, real: [f], fictive: f })));
  const max = options.contexts ?? 3;
  const width = options.contextWidth ?? 30;
  const out = new Map<string, Suggestion>();
  for (const r of matcher.find(text, index)) {
    const entry = found.get(r.entryId) as Found;
    let s = out.get(r.entryId);
    if (!s) {
      s = {
        form: r.entryId,
        kind: entry.kind ?? guessKind(r.entryId, firstNames, places),
        count: 0,
        reasons: [...entry.reasons].sort(),
        contexts: [],
      };
      out.set(r.entryId, s);
    }
    s.count++;
    if (s.contexts.length < max) {
      const clean = (t: string) => t.replace(/\s+/gu, ' ');
      s.contexts.push({
        start: r.start,
        end: r.end,
        before: clean(index.slice(Math.max(0, r.start - width), r.start)),
        text: index.slice(r.start, r.end),
        after: clean(index.slice(r.end, Math.min(index.length, r.end + width))),
      });
    }
  }
  return [...out.values()].sort((a, b) => b.count - a.count || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
}

/** A kind from the lists and the words: person, organisation, place, else other. */
export function guessKind(
  form: string,
  firstNames: ReadonlySet<string>,
  places: ReadonlySet<string>,
  nextWord?: string,
): PseudonymKind {
  const words = form.split(' ');
  if (firstNames.has(form) || firstNames.has(words[0] as string)) return 'person';
  if (words.some((w) => ORGANISATION_WORDS.has(w))) return 'organisation';
  if (places.has(form) || (nextWord !== undefined && PLACE_AFTER.has(nextWord))) return 'place';
  return 'other';
}

/** True when the word at UTF-16 index `at` starts a sentence. */
function sentenceStart(text: string, at: number): boolean {
  let newlines = 0;
  for (let i = at - 1; i >= 0; i--) {
    const ch = text[i] as string;
    if (ch === '\n') {
      if (++newlines >= 2) return true;
      continue;
    }
    if (/[\s"“”'‘’«»([—–\-*_]/u.test(ch)) continue;
    return '.!?…:'.includes(ch);
  }
  return true;
}

/** Whether `[from, to)` overlaps one of `ranges` (ascending, non-overlapping). */
function overlaps(ranges: ReadonlyArray<readonly [number, number]>, from: number, to: number): boolean {
  // The first range ending after `from` is the only one that can overlap.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ranges[mid] as readonly [number, number])[1] <= from) lo = mid + 1;
    else hi = mid;
  }
  const r = ranges[lo];
  return r !== undefined && r[0] < to;
}

/** UTF-16 ranges of the occurrences of `forms` in `text`. */
function maskedRanges(text: string, forms: string[]): Array<[number, number]> {
  if (forms.length === 0) return [];
  const matcher = new PseudonymMatcher(forms.map((f) => ({ id: f, real: [f], fictive: f })));
  const index = new CodePointIndex(text);
  return matcher.find(text, index).map((r) => [index.toUtf16(r.start), index.toUtf16(r.end)]);
}

/** Suggestions of several sources as one list: counts summed, snippets kept from the first sources. */
export function mergeSuggestions<S extends string>(
  perSource: ReadonlyArray<{ sourceId: S; suggestions: readonly Suggestion[] }>,
  contexts = 3,
): Array<Omit<Suggestion, 'contexts'> & { sources: number; contexts: Array<SuggestionContext & { sourceId: S }> }> {
  const out = new Map<
    string,
    Omit<Suggestion, 'contexts'> & { sources: number; contexts: Array<SuggestionContext & { sourceId: S }> }
  >();
  for (const { sourceId, suggestions } of perSource) {
    for (const s of suggestions) {
      const m = out.get(s.form) ?? { form: s.form, kind: s.kind, count: 0, reasons: [], sources: 0, contexts: [] };
      m.count += s.count;
      m.sources++;
      if (m.kind === 'other') m.kind = s.kind;
      m.reasons = [...new Set([...m.reasons, ...s.reasons])].sort();
      for (const c of s.contexts) if (m.contexts.length < contexts) m.contexts.push({ ...c, sourceId });
      out.set(s.form, m);
    }
  }
  return [...out.values()].sort((a, b) => b.count - a.count || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
}
