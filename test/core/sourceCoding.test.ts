import { describe, expect, it } from 'vitest';
import { type CodedSpan, CodingPacker, unpackCoding } from '../../src/core/sourceCoding.js';

const spans: CodedSpan[] = [
  { id: 'a', start: 0, end: 5, code: 'c1', coder: 'anna', memo: '' },
  { id: 'b', start: 3, end: 9, code: 'c2', coder: 'bo', memo: 'varför här?' },
  { id: 'c', start: 7, end: 12, code: 'c1', coder: 'bo', memo: '' },
];

const packCoding = (list: CodedSpan[]) => {
  const packer = new CodingPacker();
  for (const s of list) packer.add(s.id, s.start, s.end, s.code, s.coder, s.memo);
  return packer.packed;
};

describe('the document view’s coding on the wire', () => {
  it('gives each code and coder once, memos only where written, and unpacks to the same spans in order', () => {
    const packed = packCoding(spans);
    expect(packed).toEqual({
      codes: ['c1', 'c2'],
      coders: ['anna', 'bo'],
      ids: ['a', 'b', 'c'],
      starts: [0, 3, 7],
      ends: [5, 9, 12],
      code: [0, 1, 0],
      coder: [0, 1, 1],
      memos: { b: 'varför här?' },
    });
    expect(unpackCoding(JSON.parse(JSON.stringify(packed)))).toEqual(spans);
    expect(unpackCoding(packCoding([]))).toEqual([]);
  });
});
