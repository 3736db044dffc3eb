import { describe, expect, it } from 'vitest';
import { type TurnSpan, turnHolding } from '../../../src/core/anchoring/turnHolding.js';
import { codePointOffset, codePointRange } from '../../../src/core/text/codePoints.js';

const turns: TurnSpan[] = [
  { id: 'a', ...codePointRange({ start: 5, end: 20 }) },
  { id: 'b', ...codePointRange({ start: 22, end: 40 }) },
];
const at = (offset: number) => turnHolding(turns, codePointOffset(offset));

describe('turnHolding', () => {
  it('finds the turn whose [start, end) holds the offset', () => {
    expect([at(5), at(19), at(22), at(39)]).toEqual(['a', 'a', 'b', 'b']);
  });

  it('is null before the first turn, between turns and past the last (end exclusive)', () => {
    expect([at(0), at(20), at(21), at(40)]).toEqual([null, null, null, null]);
  });

  it('is null without turns', () => {
    expect(turnHolding([], codePointOffset(0))).toBeNull();
  });
});
