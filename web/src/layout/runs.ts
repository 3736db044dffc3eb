/**
 * Highlight layout in one pass (DESIGN, "Speed"): the segment boundaries are sorted once and the
 * text is swept once into runs, each a maximal stretch covered by the same set of segments.
 * Nothing here walks the text from its start for each segment.
 */

/** A coded span in UTF-16 units of the text on screen. */
export interface Span {
  id: string;
  start: number;
  end: number;
}

/** `[start, end)` in UTF-16 units; `ids` are the segments covering it, in order of their start. */
export interface Run {
  start: number;
  end: number;
  ids: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * Runs covering `[0, length)` completely: plain runs (no ids) between highlighted ones. Spans
 * that are empty or fall outside the text are clipped or ignored. O(n log n) in the number of
 * spans, O(1) in the length of the text.
 */
export function layoutRuns(length: number, spans: readonly Span[]): Run[] {
  // One boundary per start and per end; at the same position ends sort before starts.
  const n = spans.length;
  const pos = new Float64Array(2 * n);
  const order = new Uint32Array(2 * n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const s = spans[i] as Span;
    const start = Math.max(0, s.start);
    const end = Math.min(length, s.end);
    if (!(end > start)) continue;
    pos[k] = start * 2 + 1; // a start
    order[k++] = i;
    pos[k] = end * 2; // an end
    order[k++] = i;
  }
  const idx = Array.from({ length: k }, (_, i) => i);
  idx.sort((a, b) => (pos[a] as number) - (pos[b] as number) || (order[a] as number) - (order[b] as number));

  const byStart = (x: number, y: number) => (spans[x] as Span).start - (spans[y] as Span).start || x - y;
  const runs: Run[] = [];
  const active = new Set<number>();
  let current: readonly string[] = NONE;
  let at = 0;
  const emit = (to: number) => {
    if (to <= at) return;
    const last = runs[runs.length - 1];
    if (last && last.end === at && sameIds(last.ids, current)) last.end = to;
    else runs.push({ start: at, end: to, ids: current });
    at = to;
  };
  for (let j = 0; j < k; j++) {
    const b = idx[j] as number;
    const p = pos[b] as number;
    const offset = Math.floor(p / 2);
    emit(offset);
    const i = order[b] as number;
    if (p % 2 === 1) active.add(i);
    else active.delete(i);
    const next = idx[j + 1];
    // Recompute the id list only once all boundaries at this offset are applied.
    if (next === undefined || Math.floor((pos[next] as number) / 2) !== offset) {
      current = active.size === 0 ? NONE : [...active.keys()].sort(byStart).map((i) => (spans[i] as Span).id);
    }
  }
  emit(length);
  return runs;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Index of the first run ending after `offset` (binary search). */
export function runIndexAt(runs: readonly Run[], offset: number): number {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((runs[mid] as Run).end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The runs overlapping `[start, end)`, clipped to it. */
export function runsIn(runs: readonly Run[], start: number, end: number): Run[] {
  const out: Run[] = [];
  for (let i = runIndexAt(runs, start); i < runs.length; i++) {
    const r = runs[i] as Run;
    if (r.start >= end) break;
    out.push({ start: Math.max(r.start, start), end: Math.min(r.end, end), ids: r.ids });
  }
  return out;
}
