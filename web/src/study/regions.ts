import { TextOffsets, trimSelection } from '../text/offsets.js';

/** A stretch of a region's text, marked or not. */
export interface Piece {
  text: string;
  marked: boolean;
}

/**
 * Cuts a region's text into stretches covered by `spans` and not, for one column of the
 * disagreement view. Offsets are code points of the source (as the API gives them); the region's
 * text starts at `regionStart`. Spans are clamped to the region and may overlap.
 */
export function markPieces(text: string, regionStart: number, spans: readonly { start: number; end: number }[]): Piece[] {
  const offsets = new TextOffsets(text);
  const length = offsets.length;
  const covered = spans
    .map((s) => ({ start: Math.max(0, s.start - regionStart), end: Math.min(length, s.end - regionStart) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of covered) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const pieces: Piece[] = [];
  let at = 0;
  const push = (from: number, to: number, marked: boolean) => {
    if (to > from) pieces.push({ text: text.slice(offsets.toUtf16(from), offsets.toUtf16(to)), marked });
  };
  for (const s of merged) {
    push(at, s.start, false);
    push(s.start, s.end, true);
    at = s.end;
  }
  push(at, length, false);
  return pieces;
}

/**
 * A selection in a region's text (UTF-16, from a text field) as a span of the source in code
 * points, white space at its ends left out; null when nothing (or only white space) is selected.
 */
export function selectionToSpan(
  text: string,
  regionStart: number,
  selectionStart: number,
  selectionEnd: number,
): { start: number; end: number } | null {
  if (selectionEnd <= selectionStart) return null;
  const trimmed = trimSelection(text, selectionStart, selectionEnd);
  if (text.slice(trimmed.start, trimmed.end).trim() === '') return null;
  const range = new TextOffsets(text).rangeToCodePoints(trimmed);
  return range.end > range.start ? { start: regionStart + range.start, end: regionStart + range.end } : null;
}

/**
 * A little of the source's text either side of a place (code points `[start, end)`), cut at
 * word boundaries and never across a blank line: what a reader needs to judge the coding.
 * `start` is where `before` begins, in code points.
 */
export function contextAround(
  source: TextOffsets,
  place: { start: number; end: number },
  reach = 60,
): { before: string; after: string; start: number } {
  const text = source.text;
  const from = source.toUtf16(Math.max(0, place.start));
  const to = source.toUtf16(Math.min(source.length, place.end));
  let a = Math.max(0, from - reach);
  let b = Math.min(text.length, to + reach);
  const blankBefore = from > 0 ? text.lastIndexOf('\n\n', from - 1) : -1;
  if (blankBefore !== -1 && blankBefore + 2 > a) a = Math.min(from, blankBefore + 2);
  const blankAfter = text.indexOf('\n\n', to);
  if (blankAfter !== -1 && blankAfter < b) b = blankAfter;
  // Whole words: move inwards to the next space, unless already at the start of a word.
  if (a > 0 && a < from && !/\s/.test(text.charAt(a - 1))) {
    const space = text.indexOf(' ', a);
    a = space === -1 || space >= from ? from : space + 1;
  }
  if (b < text.length && b > to && !/\s/.test(text.charAt(b))) {
    const space = text.lastIndexOf(' ', b);
    b = Math.max(space, to);
  }
  // Code point boundaries: never half a surrogate pair.
  const start = source.toCodePoint(a);
  const end = source.toCodePoint(b);
  return { before: text.slice(source.toUtf16(start), from), after: text.slice(to, source.toUtf16(end)), start };
}

/** Words of a place as shown in a heading: white space run together, a long place shortened with `…`. */
export function placeWords(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
}

/** One stretch of a place where the coders differ, in words: who coded it and who did not. */
export interface DifferenceWords {
  /** Where the stretch starts, in code points of the source. */
  start: number;
  words: string;
  codedBy: string[];
  notBy: string[];
}

/**
 * The differences of a place as the words they cover (offsets are code points of the source; the
 * region's text starts at `region.start`), so a reader sees what differs, not where it counts to.
 */
export function differenceWords(
  region: { start: number; text: string; differences: readonly { start: number; end: number; codedBy: string[] }[] },
  coders: readonly string[],
): DifferenceWords[] {
  const offsets = new TextOffsets(region.text);
  return region.differences.map((d) => {
    const range = offsets.rangeToUtf16({ start: d.start - region.start, end: d.end - region.start });
    return {
      start: d.start,
      words: placeWords(region.text.slice(range.start, range.end)),
      codedBy: d.codedBy,
      notBy: coders.filter((c) => !d.codedBy.includes(c)),
    };
  });
}
