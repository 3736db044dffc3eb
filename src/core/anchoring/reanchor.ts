import type { CodePointIndex } from '../text/codePoints.js';
import type { CodePointOffset, CodePointRange } from '../text/offsetUnits.js';
import type { QuoteSelector } from './quoteSelector.js';

/**
 * Where a quote selector lies in a changed text: the way back from `anchorRange`.
 * - `found`: the exact text at the one place whose context matches best (a tie is settled by
 *   the segment's old start, `near`, when given);
 * - `missing`: the exact text is no longer in the text;
 * - `ambiguous`: several places match equally well and nothing settles it.
 * A broken anchor is reported as such, never moved to a guess (DESIGN: "Text, offsets and anchoring").
 */
export type Reanchored =
  | { status: 'found'; range: CodePointRange }
  | { status: 'missing' }
  | { status: 'ambiguous'; places: number };

export function reanchor(selector: QuoteSelector, index: CodePointIndex, near?: CodePointOffset): Reanchored {
  const { text } = index;
  const places: { range: CodePointRange; score: number }[] = [];
  for (let at = text.indexOf(selector.exact); selector.exact !== '' && at !== -1; at = text.indexOf(selector.exact, at + 1)) {
    const end = at + selector.exact.length;
    const score = commonEnd(selector.prefix, text.slice(0, at)) + commonStart(selector.suffix, text.slice(end));
    places.push({ range: { start: index.toCodePoint(at), end: index.toCodePoint(end) }, score });
  }
  if (places.length === 0) return { status: 'missing' };
  const best = Math.max(...places.map((p) => p.score));
  const top = places.filter((p) => p.score === best);
  if (top.length === 1) return { status: 'found', range: (top[0] as (typeof top)[number]).range };
  if (near === undefined) return { status: 'ambiguous', places: top.length };
  const distance = (p: (typeof top)[number]) => Math.abs(p.range.start - near);
  const nearest = Math.min(...top.map(distance));
  const closest = top.filter((p) => distance(p) === nearest);
  return closest.length === 1
    ? { status: 'found', range: (closest[0] as (typeof top)[number]).range }
    : { status: 'ambiguous', places: closest.length };
}

/** How many UTF-16 units at the end of `context` the text before a place repeats. */
function commonEnd(context: string, before: string): number {
  let n = 0;
  while (
    n < context.length &&
    n < before.length &&
    context.charAt(context.length - 1 - n) === before.charAt(before.length - 1 - n)
  )
    n++;
  return n;
}

/** How many UTF-16 units at the start of `context` the text after a place repeats. */
function commonStart(context: string, after: string): number {
  let n = 0;
  while (n < context.length && n < after.length && context.charAt(n) === after.charAt(n)) n++;
  return n;
}
