import type { TextRange } from '../anchoring/range.js';

/**
 * Co-occurrence of codes within one source, in one of two senses:
 * - overlap: two segments of different codes share at least one character (`[a, b)` and
 *   `[c, d)` overlap when a < d and c < b); each overlapping pair of segments counts once.
 *   Found in one sweep over the segments sorted by start, keeping the segments still open.
 * - same unit: two codes occur in the same speaker turn or paragraph (a segment belongs to
 *   every unit it overlaps); each unit holding both codes counts once.
 * The diagonal is the code's own frequency in that sense (segments, or units holding the code).
 * Offsets are code points, as everywhere.
 */
export interface CodedSpan extends TextRange {
  code: string;
}

/** Counts per unordered pair of codes, and per code on the diagonal. */
export class PairTally {
  readonly pairs = new Map<string, number>();
  readonly own = new Map<string, number>();

  add(a: string, b: string, n = 1): void {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    this.pairs.set(key, (this.pairs.get(key) ?? 0) + n);
  }

  addOwn(code: string, n = 1): void {
    this.own.set(code, (this.own.get(code) ?? 0) + n);
  }

  get(a: string, b: string): number {
    if (a === b) return this.own.get(a) ?? 0;
    return this.pairs.get(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`) ?? 0;
  }
}

/** Adds the overlapping pairs among one source's segments to `tally` (one sweep). */
export function tallyOverlaps(spans: readonly CodedSpan[], tally: PairTally): void {
  const sorted = [...spans].sort((x, y) => x.start - y.start || x.end - y.end);
  const open: CodedSpan[] = [];
  for (const s of sorted) {
    tally.addOwn(s.code);
    // Drop the segments that ended before this one starts (in place), pair it with the rest.
    let kept = 0;
    for (const o of open) {
      if (o.end <= s.start) continue;
      open[kept++] = o;
      if (o.code !== s.code) tally.add(o.code, s.code);
    }
    open.length = kept;
    open.push(s);
  }
}

/**
 * Adds, for each unit (turns or paragraphs of one source, sorted by start, not overlapping),
 * every pair of distinct codes whose segments overlap that unit.
 */
export function tallyUnits(units: readonly TextRange[], spans: readonly CodedSpan[], tally: PairTally): void {
  const codesIn: Set<string>[] = units.map(() => new Set<string>());
  for (const s of spans) {
    // The first unit ending after the segment starts, then each unit starting before it ends.
    let lo = 0;
    let hi = units.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((units[mid] as TextRange).end <= s.start) lo = mid + 1;
      else hi = mid;
    }
    for (let u = lo; u < units.length && (units[u] as TextRange).start < s.end; u++) (codesIn[u] as Set<string>).add(s.code);
  }
  for (const codes of codesIn) {
    const list = [...codes];
    for (let i = 0; i < list.length; i++) {
      tally.addOwn(list[i] as string);
      for (let j = i + 1; j < list.length; j++) tally.add(list[i] as string, list[j] as string);
    }
  }
}
