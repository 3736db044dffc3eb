/**
 * Vertical layout of the blocks for virtual rendering: each block has a height (estimated until
 * it has been drawn and measured), and only the blocks that meet the viewport, with a margin,
 * are drawn.
 */
export class HeightMap {
  private readonly heights: Float64Array;
  private readonly tops: Float64Array;
  private dirtyFrom = 0;

  constructor(estimates: readonly number[]) {
    this.heights = Float64Array.from(estimates);
    this.tops = new Float64Array(estimates.length + 1);
    this.dirtyFrom = 0;
  }

  get count(): number {
    return this.heights.length;
  }

  height(i: number): number {
    return this.heights[i] ?? 0;
  }

  /** Sets a measured height; true if it changed. */
  set(i: number, height: number): boolean {
    if (i < 0 || i >= this.heights.length || Math.abs((this.heights[i] as number) - height) < 0.5) return false;
    this.heights[i] = height;
    this.dirtyFrom = Math.min(this.dirtyFrom, i);
    return true;
  }

  private settle(): void {
    if (this.dirtyFrom > this.heights.length) return;
    for (let i = this.dirtyFrom; i < this.heights.length; i++) {
      this.tops[i + 1] = (this.tops[i] as number) + (this.heights[i] as number);
    }
    this.dirtyFrom = Number.POSITIVE_INFINITY;
  }

  /** Top of block `i` (`count` gives the total height). */
  top(i: number): number {
    this.settle();
    return this.tops[Math.max(0, Math.min(i, this.heights.length))] as number;
  }

  get total(): number {
    return this.top(this.heights.length);
  }

  /** Index of the block at vertical position `y`. */
  indexAt(y: number): number {
    this.settle();
    let lo = 0;
    let hi = this.heights.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.tops[mid] as number) <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  /** First and last block (inclusive) meeting `[top - overscan, top + height + overscan]`. */
  visible(top: number, height: number, overscan: number): [number, number] {
    if (this.heights.length === 0) return [0, -1];
    return [this.indexAt(Math.max(0, top - overscan)), this.indexAt(top + height + overscan)];
  }
}

/**
 * Lanes for the coding stripes in the margin: each segment gets the lowest lane free at its
 * start, so overlapping segments sit side by side and a segment keeps its lane in every block it
 * crosses. Segments past `maxLanes` share the last lane.
 */
export function assignLanes(
  spans: readonly { id: string; start: number; end: number }[],
  maxLanes = 8,
): { lanes: Map<string, number>; count: number } {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const ends: number[] = [];
  const lanes = new Map<string, number>();
  for (const s of sorted) {
    let lane = ends.findIndex((e) => e <= s.start);
    if (lane < 0) {
      lane = ends.length < maxLanes ? ends.length : maxLanes - 1;
      if (lane === ends.length) ends.push(s.end);
      else ends[lane] = Math.max(ends[lane] as number, s.end);
    } else ends[lane] = s.end;
    lanes.set(s.id, lane);
  }
  return { lanes, count: ends.length };
}
