import type { TextRange } from '../anchoring/range.js';

/** A segment already coded with the auto-coding's code, in one source. */
export interface ExistingSegment extends TextRange {
  coder: string;
}

/** A coder who already has the code on this span (`same`) or on text overlapping it. */
export interface PriorCoding {
  coder: string;
  same: boolean;
}

export interface SpanStatus {
  /**
   * The target layer already has the code on this span or on a span holding all of it: coding
   * it again would add no coded text, only a duplicate that counts twice, so it is skipped.
   */
  covered: boolean;
  /** Every coder with the code on this span or overlapping it, by name. */
  codedBy: PriorCoding[];
}

/**
 * What is already coded where auto-coding would code: for each span (sorted by start), the
 * coders whose segments share at least one character with it, and whether the target `layer`
 * covers it. One sweep over both lists sorted by start.
 */
export function priorCodings(spans: readonly TextRange[], existing: readonly ExistingSegment[], layer: string): SpanStatus[] {
  const sorted = [...existing].sort((a, b) => a.start - b.start);
  let next = 0;
  let open: ExistingSegment[] = [];
  return spans.map((span) => {
    while (next < sorted.length && (sorted[next] as ExistingSegment).start < span.end)
      open.push(sorted[next++] as ExistingSegment);
    // Spans come by start, so a segment ending before this one starts overlaps none after it.
    open = open.filter((e) => e.end > span.start);
    const byCoder = new Map<string, boolean>();
    let covered = false;
    for (const e of open) {
      if (e.start >= span.end) continue;
      const same = e.start === span.start && e.end === span.end;
      byCoder.set(e.coder, (byCoder.get(e.coder) ?? false) || same);
      if (e.coder === layer && e.start <= span.start && span.end <= e.end) covered = true;
    }
    const codedBy = [...byCoder].map(([coder, same]) => ({ coder, same })).sort((a, b) => a.coder.localeCompare(b.coder));
    return { covered, codedBy };
  });
}

/** Per coder, how many spans they already have the code on: the same span, or overlapping it. */
export function priorCodingCounts(statuses: readonly SpanStatus[]): { coder: string; same: number; overlapping: number }[] {
  const counts = new Map<string, { coder: string; same: number; overlapping: number }>();
  for (const status of statuses) {
    for (const { coder, same } of status.codedBy) {
      const count = counts.get(coder) ?? { coder, same: 0, overlapping: 0 };
      if (same) count.same++;
      else count.overlapping++;
      counts.set(coder, count);
    }
  }
  return [...counts.values()].sort((a, b) => a.coder.localeCompare(b.coder));
}
