import type { TextRange } from '../anchoring/range.js';

/**
 * Offsets through a rewrite of a text (pure). The rewrite replaces old ranges `[start, end)`
 * (ascending, non-overlapping, code points) by new text of `length` code points; everything
 * else is unchanged, only shifted. An offset outside every replaced range maps exactly; an
 * offset strictly inside one has no exact counterpart (part of a name is not part of its
 * pseudonym), so a range with such an edge cannot be kept as it was: it is reported, and may be
 * widened to cover the whole new form.
 */
export interface Edit {
  start: number;
  end: number;
  /** Code points of the text that replaces `[start, end)`. */
  length: number;
}

export type MappedOffset = { offset: number; inside: null } | { offset: null; inside: { start: number; end: number } };

export interface MappedRange extends TextRange {
  /** False when an edge fell strictly inside a replaced range; `start`/`end` are then widened. */
  kept: boolean;
}

export class OffsetMap {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly lengths: number[] = [];
  /** `shift[k]`: how far an offset after the first k edits moves (new minus old). */
  private readonly shift: number[] = [0];

  constructor(edits: readonly Edit[]) {
    let previousEnd = 0;
    for (const e of edits) {
      if (e.start < previousEnd || e.end <= e.start || e.length < 0)
        throw new Error('edits must be ascending, non-empty and non-overlapping');
      this.starts.push(e.start);
      this.ends.push(e.end);
      this.lengths.push(e.length);
      this.shift.push((this.shift.at(-1) as number) + e.length - (e.end - e.start));
      previousEnd = e.end;
    }
  }

  /** The new offset of old `offset`, or the new range of the edit it falls strictly inside. */
  map(offset: number): MappedOffset {
    // k = number of edits ending at or before `offset` (they form a prefix: ends ascend).
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ends[mid] as number) <= offset) lo = mid + 1;
      else hi = mid;
    }
    const k = lo;
    const shift = this.shift[k] as number;
    if (k < this.starts.length && (this.starts[k] as number) < offset) {
      const start = (this.starts[k] as number) + shift;
      return { offset: null, inside: { start, end: start + (this.lengths[k] as number) } };
    }
    return { offset: offset + shift, inside: null };
  }

  /** The new range of old `range`; an edge inside an edit widens to that edit's whole new text. */
  mapRange(range: TextRange): MappedRange {
    const a = this.map(range.start);
    const b = this.map(range.end);
    return {
      start: a.inside ? a.inside.start : a.offset,
      end: b.inside ? b.inside.end : b.offset,
      kept: a.inside === null && b.inside === null,
    };
  }
}
