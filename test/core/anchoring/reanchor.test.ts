import { describe, expect, it } from 'vitest';
import { anchorRange } from '../../../src/core/anchoring/anchor.js';
import { reanchor } from '../../../src/core/anchoring/reanchor.js';
import { CodePointIndex, codePointOffset, codePointRange } from '../../../src/core/text/codePoints.js';

const selectorOf = (text: string, exact: string, occurrence = 0) => {
  const index = new CodePointIndex(text);
  let at = text.indexOf(exact);
  for (let i = 0; i < occurrence; i++) at = text.indexOf(exact, at + 1);
  const start = index.toCodePoint(at);
  return anchorRange(index, codePointRange({ start, end: start + [...exact].length }), []).selector;
};

describe('reanchor', () => {
  it('finds the exact text again after words were inserted before it, counting code points', () => {
    const before = 'Albin: Vi har ingen tid.';
    const after = 'Albin 😀 (Omega): Vi har ingen tid.';
    const result = reanchor(selectorOf(before, 'ingen tid'), new CodePointIndex(after));
    const start = [...after.slice(0, after.indexOf('ingen'))].length;
    expect(result).toEqual({ status: 'found', range: { start, end: start + 9 } });
  });

  it('picks the place whose prefix and suffix match, among several', () => {
    const text = 'Kerstin: tid. Albin: ingen tid alls. Kristin: ingen tid här.';
    const selector = selectorOf(text, 'ingen tid', 1);
    const changed = `Inledning.\n${text}`;
    const result = reanchor(selector, new CodePointIndex(changed));
    const start = changed.indexOf('ingen tid här');
    expect(result).toEqual({ status: 'found', range: { start, end: start + 9 } });
  });

  it('reports a text no longer there as missing, never a guess', () => {
    expect(reanchor(selectorOf('Vi har ingen tid.', 'ingen'), new CodePointIndex('Vi har tid.'))).toEqual({
      status: 'missing',
    });
  });

  it('reports equally good places as ambiguous, unless the old start settles it', () => {
    const selector = { exact: 'ja', prefix: '', suffix: '' };
    const index = new CodePointIndex('ja, ja');
    expect(reanchor(selector, index)).toEqual({ status: 'ambiguous', places: 2 });
    expect(reanchor(selector, index, codePointOffset(5))).toEqual({ status: 'found', range: { start: 4, end: 6 } });
  });
});
