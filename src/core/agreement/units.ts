import type { TextRange } from '../anchoring/range.js';
import { CodePointIndex } from '../text/codePoints.js';
import { coverage } from './spans.js';

/**
 * The units agreement is counted in, and what each coder did with each unit.
 *
 * - `char`: every character (code point) of a source is a unit.
 * - `paragraph`: stretches of text separated by one or more blank lines, without their
 *   surrounding whitespace.
 * - `sentence`: within a paragraph, a sentence ends at a line break, or after `.`, `!`, `?` or
 *   `…` (and any closing quotes or brackets) when whitespace and then an upper-case letter, a
 *   digit, an opening quote or a dash follow. So "t.ex. att" does not end a sentence, and a
 *   speaker's line in a transcript is always a sentence of its own.
 * - `turn`: the source's speaker turns as stored; text before the first turn is no unit.
 *
 * A coder coded a unit with a code when one of their segments of that code covers at least one
 * of its characters. Whitespace between units belongs to no unit.
 */
export type UnitKind = 'char' | 'sentence' | 'paragraph' | 'turn';
export const UNIT_KINDS: readonly UnitKind[] = ['char', 'sentence', 'paragraph', 'turn'];

/**
 * What the coders did with a unit, one character per coder in a fixed coder order: `1` coded,
 * `0` not coded, `-` missing (the coder has not coded this source at all).
 */
export type Pattern = string;

/** Pattern → number of units (characters, sentences, …) with that pattern. */
export type PatternCounts = Map<Pattern, number>;

/** Paragraph units of `text`, in code points. */
export function paragraphUnits(text: string): TextRange[] {
  const index = new CodePointIndex(text);
  const out: TextRange[] = [];
  const breaks = /\n[ \t]*\n\s*/g;
  let from = 0;
  for (const m of text.matchAll(breaks)) {
    pushTrimmed(text, index, from, m.index, out);
    from = m.index + m[0].length;
  }
  pushTrimmed(text, index, from, text.length, out);
  return out;
}

// Terminal punctuation, closers, whitespace, and a look at what starts the next sentence.
const SENTENCE_END = /[.!?…]+["'”’»)\]]*[ \t]+(?=["'“‘«(\-–—\p{Lu}\p{N}])|\n/gu;

/** Sentence units of `text`, in code points (see the rules above). */
export function sentenceUnits(text: string): TextRange[] {
  const index = new CodePointIndex(text);
  const out: TextRange[] = [];
  for (const p of paragraphUnits(text)) {
    const start = index.toUtf16(p.start);
    const end = index.toUtf16(p.end);
    const para = text.slice(start, end);
    let from = 0;
    for (const m of para.matchAll(SENTENCE_END)) {
      const cut = m[0] === '\n' ? m.index : m.index + m[0].trimEnd().length;
      pushTrimmed(text, index, start + from, start + cut, out);
      from = m.index + m[0].length;
    }
    pushTrimmed(text, index, start + from, end, out);
  }
  return out;
}

/** Turn units: the stored turns, sorted and clipped to the text. */
export function turnUnits(turns: readonly TextRange[], length: number): TextRange[] {
  return turns
    .map((t) => ({ start: Math.max(0, t.start), end: Math.min(length, t.end) }))
    .filter((t) => t.end > t.start)
    .sort((a, b) => a.start - b.start);
}

/** Adds `[from, to)` (UTF-16) without surrounding whitespace, in code points, if anything is left. */
function pushTrimmed(text: string, index: CodePointIndex, from: number, to: number, out: TextRange[]): void {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (e > s) out.push({ start: index.toCodePoint(s), end: index.toCodePoint(e) });
}

/** Adds `weight` units of `pattern` to `counts`. */
export function addPattern(counts: PatternCounts, pattern: Pattern, weight: number): void {
  if (weight > 0) counts.set(pattern, (counts.get(pattern) ?? 0) + weight);
}

/** Adds every count of `from` into `into`. */
export function addCounts(into: PatternCounts, from: PatternCounts): void {
  for (const [p, n] of from) addPattern(into, p, n);
}

/**
 * Character-level patterns of one source of `length` characters: `coders[i]` is coder i's
 * spans of the code there, or null when the coder is missing in this source. One sweep over
 * the span boundaries: runs of characters with the same pattern are counted together.
 */
export function characterPatterns(
  length: number,
  coders: readonly (readonly TextRange[] | null)[],
  into: PatternCounts = new Map(),
): PatternCounts {
  const state: string[] = coders.map((c) => (c === null ? '-' : '0'));
  const events: { at: number; coder: number; value: '0' | '1' }[] = [];
  coders.forEach((spans, i) => {
    if (!spans) return;
    for (const s of coverage(spans)) {
      const start = Math.max(0, s.start);
      const end = Math.min(length, s.end);
      if (end <= start) continue;
      events.push({ at: start, coder: i, value: '1' }, { at: end, coder: i, value: '0' });
    }
  });
  events.sort((a, b) => a.at - b.at);
  let at = 0;
  for (let k = 0; k < events.length; ) {
    const here = (events[k] as (typeof events)[number]).at;
    addPattern(into, state.join(''), here - at);
    for (; k < events.length && (events[k] as (typeof events)[number]).at === here; k++) {
      const e = events[k] as (typeof events)[number];
      state[e.coder] = e.value;
    }
    at = here;
  }
  addPattern(into, state.join(''), length - at);
  return into;
}

/**
 * Unit-level patterns: `units` sorted and disjoint; a coder coded a unit when one of their spans
 * shares a character with it. One merge pass per coder.
 */
export function unitPatterns(
  units: readonly TextRange[],
  coders: readonly (readonly TextRange[] | null)[],
  into: PatternCounts = new Map(),
): PatternCounts {
  const flags = coders.map((spans) => (spans === null ? null : overlapFlags(units, coverage(spans))));
  for (let u = 0; u < units.length; u++) {
    addPattern(into, flags.map((f) => (f === null ? '-' : f[u] ? '1' : '0')).join(''), 1);
  }
  return into;
}

function overlapFlags(units: readonly TextRange[], spans: readonly TextRange[]): Uint8Array {
  const flags = new Uint8Array(units.length);
  let j = 0;
  for (let u = 0; u < units.length; u++) {
    const unit = units[u] as TextRange;
    while (j < spans.length && (spans[j] as TextRange).end <= unit.start) j++;
    // Spans ending inside this unit may reach the next one too, so j only moves past spans that end before it.
    const span = spans[j];
    if (span && span.start < unit.end) flags[u] = 1;
  }
  return flags;
}

/** A pattern as the values of the coders present in it (`-` left out): reliability data. */
export function patternValues(pattern: Pattern): string[] {
  return [...pattern].filter((c) => c !== '-');
}
