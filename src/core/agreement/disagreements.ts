import type { TextRange } from '../anchoring/range.js';
import { coverage } from './spans.js';

/** One region of a source where at least one coder applied the code. */
export interface Region {
  start: number;
  end: number;
  /** Every coder covers exactly the same characters in the region. */
  agreed: boolean;
  /** Each coder's covered characters within the region (coder order as given). */
  coverage: TextRange[][];
  /** Stretches covered by some coders but not all: who covered each (coder indexes). */
  differences: { start: number; end: number; coders: number[] }[];
}

/**
 * The disagreement view of one code in one source: the characters each coder covered with the
 * code, grouped into regions (maximal stretches where covered spans of any coders overlap or
 * follow on from one another), and within each region the stretches where the coders differ.
 * Pure: the command supplies each coder's spans.
 */
export function compareLayers(layers: readonly (readonly TextRange[])[]): Region[] {
  const covered = layers.map((spans) => coverage(spans));
  const all = coverage(covered.flat());
  return all.map((region) => {
    const inside = covered.map((spans) => spans.filter((s) => s.start < region.end && s.end > region.start));
    const differences = sweepDifferences(region, inside);
    return { start: region.start, end: region.end, agreed: differences.length === 0, coverage: inside, differences };
  });
}

function sweepDifferences(region: TextRange, inside: TextRange[][]): Region['differences'] {
  const cuts = new Set<number>([region.start, region.end]);
  for (const spans of inside) for (const s of spans) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  const out: Region['differences'] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const start = points[k] as number;
    const end = points[k + 1] as number;
    const coders = inside.flatMap((spans, i) => (spans.some((s) => s.start <= start && s.end >= end) ? [i] : []));
    if (coders.length === inside.length) continue;
    const last = out.at(-1);
    if (last && last.end === start && same(last.coders, coders)) last.end = end;
    else out.push({ start, end, coders });
  }
  return out;
}

const same = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
