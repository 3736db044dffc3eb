import type { CodePointOffset } from '../text/offsetUnits.js';

/** A speaker turn as anchoring sees it: its id and `[start, end)` in code points. */
export interface TurnSpan {
  id: string;
  start: CodePointOffset;
  end: CodePointOffset;
}

/**
 * The turn holding code point `offset`, from turns sorted by start (binary search): the turn a
 * segment starting there belongs to. Null between turns or outside them.
 */
export function turnHolding(turns: readonly TurnSpan[], offset: CodePointOffset): string | null {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((turns[mid] as TurnSpan).start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const turn = turns[lo - 1];
  return turn && turn.end > offset ? turn.id : null;
}
