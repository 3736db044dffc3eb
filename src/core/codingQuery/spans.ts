/**
 * Sets of text as the coding query sees them: sorted lists of spans `[start, end)` in code points
 * of one source's canonical text, half-open, none empty. A *passage list* is merged: no two spans
 * overlap or touch, so each span is a maximal stretch of the set (a passage).
 */
export interface Span {
  start: number;
  end: number;
}

/** The passages covered by `spans` (any order, overlapping or touching spans joined). */
export function merge(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

/** Text in both passage lists. */
export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Span;
    const y = b[j] as Span;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ start, end });
    if (x.end < y.end) i++;
    else j++;
  }
  return merge(out);
}

/** Text in either passage list. */
export const union = (a: readonly Span[], b: readonly Span[]): Span[] => merge([...a, ...b]);

/** Text of `scope` outside `a` (both passage lists). */
export function subtract(scope: readonly Span[], a: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const s of scope) {
    let at = s.start;
    while (j < a.length && (a[j] as Span).end <= at) j++;
    for (let k = j; k < a.length && (a[k] as Span).start < s.end; k++) {
      const cut = a[k] as Span;
      if (cut.start > at) out.push({ start: at, end: cut.start });
      at = Math.max(at, cut.end);
    }
    if (at < s.end) out.push({ start: at, end: s.end });
  }
  return out;
}

/** Index of the first span of a sorted list for which `before` is false (binary search). */
export function firstNotBefore<T>(list: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid] as T)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
