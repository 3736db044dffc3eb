/**
 * The document split for rendering: the text is cut at speaker turns into pieces (a turn's
 * header belongs to its first piece), over-long pieces are cut again at paragraph or line
 * breaks, and pieces are grouped into blocks of a few thousand characters. Only the blocks near
 * the viewport are drawn. One pass over the text; all offsets are UTF-16 units.
 */

export interface TurnMark {
  /** UTF-16 offset where the turn starts. */
  start: number;
  speaker: string | null;
  startMs: number | null;
  endMs: number | null;
  /** The turn's case when it differs from the source's. */
  case: string | null;
}

export interface Piece {
  start: number;
  end: number;
  /** Index into the turns when this piece starts a turn. */
  turn: number | null;
}

export interface Block {
  index: number;
  start: number;
  end: number;
  pieces: Piece[];
}

export interface BlockOptions {
  /** A block grows until it holds at least this many units. */
  target: number;
  /** No piece is longer than this; a block only exceeds it when one piece alone fills it. */
  max: number;
}

export const DEFAULT_BLOCKS: BlockOptions = { target: 3000, max: 5000 };

export function layoutBlocks(text: string, turns: readonly TurnMark[], options: BlockOptions = DEFAULT_BLOCKS): Block[] {
  const length = text.length;
  if (length === 0) return [];
  // Cut points: the start of the text and every turn start, in order.
  const cuts: { at: number; turn: number | null }[] = [{ at: 0, turn: null }];
  turns.forEach((t, i) => {
    if (t.start <= 0) {
      (cuts[0] as { turn: number | null }).turn = i;
      return;
    }
    if (t.start >= length) return;
    const last = cuts[cuts.length - 1] as { at: number };
    if (t.start > last.at) cuts.push({ at: t.start, turn: i });
  });
  const pieces: Piece[] = [];
  for (let c = 0; c < cuts.length; c++) {
    const cut = cuts[c] as { at: number; turn: number | null };
    const end = c + 1 < cuts.length ? (cuts[c + 1] as { at: number }).at : length;
    let start = cut.at;
    let turn = cut.turn;
    while (end - start > options.max) {
      const at = breakBefore(text, start, Math.min(end, start + options.max), start + Math.floor(options.max / 2));
      pieces.push({ start, end: at, turn });
      start = at;
      turn = null;
    }
    pieces.push({ start, end, turn });
  }
  const blocks: Block[] = [];
  let group: Piece[] = [];
  let groupLength = 0;
  const flush = () => {
    if (group.length === 0) return;
    blocks.push({
      index: blocks.length,
      start: (group[0] as Piece).start,
      end: (group[group.length - 1] as Piece).end,
      pieces: group,
    });
    group = [];
    groupLength = 0;
  };
  for (const piece of pieces) {
    const size = piece.end - piece.start;
    if (group.length > 0 && (groupLength >= options.target || groupLength + size > options.max)) flush();
    group.push(piece);
    groupLength += size;
  }
  flush();
  return blocks;
}

/**
 * Where to cut `[from, to)` near its end: after the last paragraph break (blank line) at or
 * beyond `min`, else the last line break, else the last space, else at `to` (never inside a
 * surrogate pair).
 */
function breakBefore(text: string, from: number, to: number, min: number): number {
  const window = text.slice(from, to);
  for (const sep of ['\n\n', '\n', ' ']) {
    const i = window.lastIndexOf(sep);
    if (i >= 0 && from + i + sep.length >= min) return from + i + sep.length;
  }
  const code = text.charCodeAt(to - 1);
  return code >= 0xd800 && code <= 0xdbff ? to - 1 : to;
}

/** Index of the turn holding UTF-16 offset `offset`: the last one starting at or before it (null before the first). */
export function turnAt(turns: readonly TurnMark[], offset: number): number | null {
  let lo = 0;
  let hi = turns.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if ((turns[mid] as TurnMark).start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the block holding UTF-16 offset `offset` (the last one for the end of the text). */
export function blockAt(blocks: readonly Block[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((blocks[mid] as Block).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}

export interface Metrics {
  /** Characters that fit on one line of the text column. */
  charsPerLine: number;
  lineHeight: number;
  /** Vertical space a block adds around its text (padding, turn headers). */
  blockPadding: number;
  /** Extra space above a piece that starts a turn. */
  turnGap: number;
}

/** A block's height before it is measured: wrapped lines of its text times the line height. */
export function estimateHeight(text: string, block: Block, m: Metrics): number {
  let lines = 0;
  const cpl = Math.max(10, m.charsPerLine);
  for (const piece of block.pieces) {
    let at = piece.start;
    while (at <= piece.end) {
      let nl = text.indexOf('\n', at);
      if (nl < 0 || nl >= piece.end) nl = piece.end;
      const len = nl - at;
      if (nl < piece.end || len > 0) lines += Math.max(1, Math.ceil(len / cpl));
      at = nl + 1;
    }
  }
  const turns = block.pieces.filter((p) => p.turn !== null).length;
  return lines * m.lineHeight + m.blockPadding + turns * m.turnGap;
}
