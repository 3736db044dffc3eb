import type { TextRange } from '../anchoring/range.js';
import { matchSpeakerPrefix } from '../transcript/turns.js';

/**
 * The units auto-coding expands a hit to. All ranges here are UTF-16 indexes into the text.
 *
 * A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after it) that is
 * followed by whitespace and then a capital letter, a digit, an opening quote, a dash or the
 * end of its paragraph; so "t.ex. en" and "kl. 10" do not end one, and "Ja. Det" does. A
 * sentence never crosses a blank line or the start of a speaker turn, and a turn's speaker label
 * (`Albin: `) belongs to no sentence.
 */
export function sentences(text: string): TextRange[] {
  const out: TextRange[] = [];
  const blocks = /[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*/g;
  for (const m of text.matchAll(blocks)) {
    // Lines that start a speaker turn split a block too.
    let lineStart = m.index;
    let blockStart = m.index;
    const blockEnd = m.index + m[0].length;
    while (lineStart < blockEnd) {
      const nl = text.indexOf('\n', lineStart);
      const lineEnd = nl === -1 || nl > blockEnd ? blockEnd : nl;
      const line = text.slice(lineStart, lineEnd);
      const indent = line.length - line.trimStart().length;
      const prefix = matchSpeakerPrefix(line.slice(indent));
      if (prefix) {
        if (lineStart > blockStart) splitSentences(text, blockStart, lineStart, out);
        blockStart = lineStart + indent + prefix.length;
      }
      lineStart = lineEnd + 1;
    }
    splitSentences(text, blockStart, blockEnd, out);
  }
  return out;
}

const END = /[.!?…]+["'”’»)\]]*(?=\s+(?:[\p{Lu}\p{N}"'“”„«([–—-]|$))/gu;

function splitSentences(text: string, from: number, to: number, out: TextRange[]): void {
  const block = text.slice(from, to);
  let start = 0;
  for (const m of block.matchAll(END)) {
    const end = m.index + m[0].length;
    pushTrimmed(text, from + start, from + end, out);
    start = end;
  }
  pushTrimmed(text, from + start, to, out);
}

function pushTrimmed(text: string, start: number, end: number, out: TextRange[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text.charAt(s))) s++;
  while (e > s && /\s/.test(text.charAt(e - 1))) e--;
  if (e > s) out.push({ start: s, end: e });
}

/** The units (sorted, not overlapping) that `hit` overlaps, joined into one range; null if none. */
export function expandTo(units: readonly TextRange[], hit: TextRange): TextRange | null {
  let lo = 0;
  let hi = units.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((units[mid] as TextRange).end <= hit.start) lo = mid + 1;
    else hi = mid;
  }
  const first = units[lo];
  if (!first || first.start >= hit.end) return null;
  let last = first;
  for (let u = lo + 1; u < units.length && (units[u] as TextRange).start < hit.end; u++) last = units[u] as TextRange;
  return { start: first.start, end: last.end };
}

/** A turn's words without its speaker label: `Albin: Jag tänker…` → `Jag tänker…`. */
export function turnContent(text: string, turn: TextRange): TextRange {
  const body = text.slice(turn.start, turn.end);
  const indent = body.length - body.trimStart().length;
  const prefix = matchSpeakerPrefix(body.slice(indent));
  let start = turn.start + indent + (prefix?.length ?? 0);
  while (start < turn.end && /\s/.test(text.charAt(start))) start++;
  return start < turn.end ? { start, end: turn.end } : turn;
}
