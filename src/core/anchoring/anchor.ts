import type { CodePointIndex } from '../text/codePoints.js';
import type { CodePointRange } from '../text/offsetUnits.js';
import { type QuoteSelector, quoteAt } from './quoteSelector.js';
import { type TurnSpan, turnHolding } from './turnHolding.js';

/**
 * What a new or moved segment keeps of where it lies: its quote selector (exact text, prefix,
 * suffix) and the speaker turn holding its start. Every command that writes a segment's place
 * anchors it here (or, cutting the text in SQL, through the same `contextRanges` and
 * `turnHolding`), so the rule has one home.
 */
export interface Anchor {
  selector: QuoteSelector;
  turnId: string | null;
}

/** The anchor of code point `range` in the text `index` was built on, among `turns` sorted by start. */
export function anchorRange(index: CodePointIndex, range: CodePointRange, turns: readonly TurnSpan[]): Anchor {
  return { selector: quoteAt(index, range), turnId: turnHolding(turns, range.start) };
}

/** An anchor as the columns of a segment row. */
export function anchorColumns(anchor: Anchor) {
  return { ...anchor.selector, turn_id: anchor.turnId };
}
