import { describe, expect, it } from 'vitest';
import { anchorColumns, anchorRange } from '../../../src/core/anchoring/anchor.js';
import { CodePointIndex, codePointRange } from '../../../src/core/text/codePoints.js';

describe('anchorRange', () => {
  const text = 'I: Berätta 😀.\nAlbin: Vi har ingen tid.';
  const index = new CodePointIndex(text);
  const second = index.toCodePoint(text.indexOf('Albin'));
  const turns = [
    { id: 'i', ...codePointRange({ start: 0, end: second - 1 }) },
    { id: 'albin', ...codePointRange({ start: second, end: index.length }) },
  ];

  it('gives a range its quote selector and the turn holding its start', () => {
    const start = index.toCodePoint(text.indexOf('ingen'));
    const anchor = anchorRange(index, codePointRange({ start, end: start + 5 }), turns);
    expect(anchor).toEqual({
      selector: { exact: 'ingen', prefix: 'I: Berätta 😀.\nAlbin: Vi har ', suffix: ' tid.' },
      turnId: 'albin',
    });
    expect(anchorColumns(anchor)).toEqual({ ...anchor.selector, turn_id: 'albin' });
  });

  it('has no turn for a range starting between turns', () => {
    expect(anchorRange(index, codePointRange({ start: second - 1, end: second + 2 }), turns).turnId).toBeNull();
  });
});
