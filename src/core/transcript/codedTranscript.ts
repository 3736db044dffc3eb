/**
 * The coded transcript laid out for print: a source's text in blocks (its lines: a speaker turn
 * or a paragraph each), each block with the codes beside it (the margin) and, in its text, a mark
 * where each coded segment opens and closes. Codes are numbered in a legend so a mark and a
 * margin label say which code they are without colour (it prints in black and white).
 *
 * Positions: segments are `[start, end)` in code points of the canonical text; the pieces are
 * UTF-16 slices of it (what a renderer writes). Laid out in one pass: the segment boundaries are
 * sorted once and the text swept once (DESIGN.md: never a walk from the start per segment).
 */
import { CodePointIndex } from '../text/codePoints.js';

export interface TranscriptSegment {
  start: number;
  end: number;
  /** The code's number in the legend (1-based). */
  code: number;
}

/** A run of text, or a segment's mark: `open` before its first character, `close` after its last. */
export type Piece = { text: string } | { mark: 'open' | 'close'; code: number };

export interface TranscriptBlock {
  /** Where the block starts and ends, in code points (its line break excluded). */
  start: number;
  end: number;
  pieces: Piece[];
  /** The codes of the segments covering some of the block, in legend order. */
  margin: number[];
}

interface Boundary {
  /** UTF-16 position in the text. */
  at: number;
  mark: 'open' | 'close';
  code: number;
}

/**
 * The blocks of `text` with their codes. A block is a line with some non-space text; blank lines
 * are left out (the layout spaces blocks). A segment closing exactly where a line ends closes at
 * that line's end, not the next line's start.
 */
export function layOutTranscript(text: string, segments: readonly TranscriptSegment[]): TranscriptBlock[] {
  const index = new CodePointIndex(text);
  const boundaries: Boundary[] = [];
  for (const s of segments) {
    if (s.end <= s.start) continue;
    boundaries.push({ at: index.toUtf16(s.start), mark: 'open', code: s.code });
    boundaries.push({ at: index.toUtf16(s.end), mark: 'close', code: s.code });
  }
  // By place; at one place closes first (one segment ends, the next begins), then by code.
  boundaries.sort((a, b) => a.at - b.at || (a.mark === b.mark ? a.code - b.code : a.mark === 'close' ? -1 : 1));

  const open = new Map<number, number>(); // code → segments of it open now
  const blocks: TranscriptBlock[] = [];
  let next = 0; // the next boundary to place
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const inMargin = new Set<number>();
    for (const [code, n] of open) if (n > 0) inMargin.add(code);
    const pieces: Piece[] = [];
    let at = lineStart;
    // Closes up to the line break belong here; opens only before it (an open on the break starts the next line).
    while (next < boundaries.length) {
      const b = boundaries[next] as Boundary;
      const inLine = b.mark === 'close' ? b.at <= lineEnd + (newline === -1 ? 0 : 1) : b.at < lineEnd;
      if (!inLine) break;
      const place = Math.min(b.at, lineEnd);
      if (place > at) pieces.push({ text: text.slice(at, place) });
      at = Math.max(at, place);
      pieces.push({ mark: b.mark, code: b.code });
      const n = (open.get(b.code) ?? 0) + (b.mark === 'open' ? 1 : -1);
      open.set(b.code, n);
      if (b.mark === 'open') inMargin.add(b.code);
      next++;
    }
    if (lineEnd > at) pieces.push({ text: text.slice(at, lineEnd) });
    if (text.slice(lineStart, lineEnd).trim() !== '' || pieces.some((p) => 'mark' in p)) {
      blocks.push({
        start: index.toCodePoint(lineStart),
        end: index.toCodePoint(lineEnd),
        pieces,
        margin: [...inMargin].sort((a, b) => a - b),
      });
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  return blocks;
}

/** The text of a block without its marks. */
export const blockText = (block: TranscriptBlock) => block.pieces.map((p) => ('text' in p ? p.text : '')).join('');
