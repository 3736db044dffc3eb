import { speakerLabelEnd } from '../anchoring/speakerLabel.js';
import { utf16Offset, utf16Range } from '../text/codePoints.js';
import type { Utf16Range, Utf16RangeInput } from '../text/offsetUnits.js';

/**
 * The units auto-coding expands a hit to. All ranges here are UTF-16 indexes into the text.
 *
 * A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) that is
 * followed by whitespace and then a capital letter, a digit, an opening quote, a dash or the
 * end of its paragraph; so "t.ex. en" and "kl. 10" do not end one, and "Ja. Det" does. A
 * sentence never crosses a blank line or the start of a speaker turn, and a turn's speaker label
 * (`Albin: `) belongs to no sentence.
 */
export function sentences(text: string): Utf16Range[] {
  const out: Utf16Range[] = [];
  const blocks = /[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g;
  for (const m of text.matchAll(blocks)) {
    // Lines that start a speaker turn split a block too.
    let lineStart = m.index;
    let blockStart = m.index;
    const blockEnd = m.index + m[0].length;
    while (lineStart < blockEnd) {
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl === -1 || nl > blockEnd ? blockEnd : nl;
      const labelEnd = speakerLabelEnd(text, utf16Offset(lineStart), utf16Offset(lineEnd));
      if (labelEnd !== null) {
        if (lineStart > blockStart) splitSentences(text, blockStart, lineStart, out);
        blockStart = labelEnd;
      }
      lineStart = lineEnd + 1;
    }
    splitSentences(text, blockStart, blockEnd, out);
  }
  return out;
}

const END = /[.!?…]+["'”’»)\]]*(?=\s+(?:[\p{Lu}\p{N}"'“”„«([–—-]|$))/gu;

function splitSentences(text: string, from: number, to: number, out: Utf16Range[]): void {
  const block = text.slice(from, to);
  let start = 0;
  for (const m of block.matchAll(END)) {
    const end = m.index + m[0].length;
    pushTrimmed(text, from + start, from + end, out);
    start = end;
  }
  pushTrimmed(text, from + start, to, out);
}

function pushTrimmed(text: string, start: number, end: number, out: Utf16Range[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (e > s) out.push(utf16Range(s, e));
}

/** The units (sorted, not overlapping) that `hit` overlaps, joined into one range; null if none. */
export function expandTo<H extends { start: number; end: number }>(
  units: readonly Utf16Range[],
  hit: H & Utf16RangeInput<H>,
): Utf16Range | null {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((units[mid] as Utf16Range).end <= hit.start) lo = mid + 1;
    else hi = mid;
  }
  const first = units[lo];
  if (!first || first.start >= hit.end) return null;
  let last = first;
  for (let u = lo + 1; u < units.length && (units[u] as Utf16Range).start < hit.end; u++) last = units[u] as Utf16Range;
  return { start: first.start, end: last.end };
}

/** A turn's words without its speaker label: `Albin: Jag tänker…` → `Jag tänker…`. */
export function turnContent<T extends { start: number; end: number }>(
  text: string,
  turn: T & Utf16RangeInput<T>,
  speaker: string | null = null,
): Utf16Range {
  const end = utf16Offset(turn.end);
  let start: number = speakerLabelEnd(text, utf16Offset(turn.start), end, speaker) ?? turn.start;
  while (start < end && /\s/.test(text.charAt(start))) start++;
  return utf16Range(start < end ? start : turn.start, end);
}
