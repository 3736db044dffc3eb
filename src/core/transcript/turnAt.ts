/**
 * The turn holding code point `offset`, from turns sorted by start (binary search): the turn a
 * segment starting there belongs to. Null between turns or outside them.
 */
export function turnContaining<T extends { id: string; start: number; end: number }>(
  turns: readonly T[],
  offset: number,
): string | null {
  let lo = 0;
  let hi = turns.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((turns[mid] as T).start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const turn = turns[lo - 1];
  return turn && turn.end > offset ? turn.id : null;
}
