/** A turn as time spans read it: `[start, end)` in code points, and its times when known (ms). */
export interface TimedTurn {
  start: number;
  end: number;
  startMs: number | null;
  endMs: number | null;
}

/** Where a stretch of a transcript is heard in its recording, in milliseconds. */
export interface TimeSpan {
  startMs: number;
  endMs: number;
}

/**
 * The time span of code points `[start, end)` (pure). Each edge is placed in the turn holding it
 * (or the last turn before it, when it falls between turns) and interpolated by its position in
 * that turn: from the turn's start time at its first character to the next turn's start time at
 * that turn's first character (the last turn, or one followed by an untimed turn, runs to its own
 * end time at its end). A turn with no later time gives its start time to every position in it.
 * Null when an edge lies before the first turn or in a turn without a start time.
 */
export function timeSpan(range: { start: number; end: number }, turns: readonly TimedTurn[]): TimeSpan | null {
  const startMs = timeAt(turns, range.start, false);
  const endMs = timeAt(turns, range.end, true);
  if (startMs === null || endMs === null) return null;
  return { startMs, endMs: Math.max(startMs, endMs) };
}

/** The time at `offset`; `closing` places an end offset in the turn holding the character before it. */
function timeAt(turns: readonly TimedTurn[], offset: number, closing: boolean): number | null {
  const i = turnIndexAt(turns, closing ? offset - 1 : offset);
  const turn = turns[i];
  if (!turn || turn.startMs === null) return null;
  const next = turns[i + 1];
  const [toOffset, toMs] = next && next.startMs !== null ? [next.start, next.startMs] : [turn.end, turn.endMs];
  if (toMs === null || toMs <= turn.startMs || toOffset <= turn.start) return turn.startMs;
  const share = Math.min(1, (offset - turn.start) / (toOffset - turn.start));
  return Math.round(turn.startMs + share * (toMs - turn.startMs));
}

/** The index of the last turn starting at or before `offset` (turns sorted by start); -1 when none. */
function turnIndexAt(turns: readonly TimedTurn[], offset: number): number {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((turns[mid] as TimedTurn).start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** A time as a transcript writes it: `m:ss`, or `h:mm:ss` from an hour on (whole seconds, rounded down). */
export function clockLabel(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A span as printed beside a quote: `12:03–12:41`. */
export const spanLabel = (span: TimeSpan) => `${clockLabel(span.startMs)}–${clockLabel(span.endMs)}`;

/** A media fragment (W3C Media Fragments, `#t=start,end` in seconds) that plays the span. */
export const spanFragment = (span: TimeSpan) => `#t=${span.startMs / 1000},${span.endMs / 1000}`;
