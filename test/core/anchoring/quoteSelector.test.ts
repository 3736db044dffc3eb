import { describe, expect, it } from 'vitest';
import { contextRanges, QUOTE_CONTEXT, quoteAt } from '../../../src/core/anchoring/quoteSelector.js';
import { CodePointIndex, codePointOffset, codePointRange } from '../../../src/core/text/codePoints.js';

describe('contextRanges', () => {
  it('keeps QUOTE_CONTEXT code points either side, clipped to the text', () => {
    const { prefix, suffix } = contextRanges(codePointRange({ start: 40, end: 50 }), codePointOffset(60));
    expect(prefix).toEqual({ start: 40 - QUOTE_CONTEXT, end: 40 });
    expect(suffix).toEqual({ start: 50, end: 60 });
    expect(contextRanges(codePointRange({ start: 3, end: 5 }), codePointOffset(100)).prefix).toEqual({ start: 0, end: 3 });
  });
});

describe('quoteAt', () => {
  it('cuts exact, prefix and suffix by code points, an emoji counting one', () => {
    const text = '😀 Albin: vi har ingen tid 👍 alls.';
    const index = new CodePointIndex(text);
    const start = index.toCodePoint(text.indexOf('ingen'));
    const selector = quoteAt(index, { start, end: codePointOffset(start + 9) });
    expect(selector).toEqual({ exact: 'ingen tid', prefix: '😀 Albin: vi har ', suffix: ' 👍 alls.' });
  });

  it('gives an empty prefix at the start and an empty suffix at the end', () => {
    const index = new CodePointIndex('Hej då');
    expect(quoteAt(index, codePointRange({ start: 0, end: 6 }))).toEqual({ exact: 'Hej då', prefix: '', suffix: '' });
  });
});
