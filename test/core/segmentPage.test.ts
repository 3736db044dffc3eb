import { describe, expect, it } from 'vitest';
import { packSegments, type RetrievedSegment, unpackSegments } from '../../src/core/segmentPage.js';

const source = { id: 's1', name: 'intervju' };
const code = { id: 'c1', name: 'hinder', color: '#d64541' };
const segment = (over: Partial<RetrievedSegment>): RetrievedSegment => ({
  id: 'x',
  source,
  case: null,
  code,
  coder: 'anna',
  start: 0,
  end: 4,
  text: 'Hej ',
  memo: '',
  speaker: null,
  startMs: null,
  span: null,
  broken: false,
  ...over,
});

describe('a retrieval page packed and unpacked', () => {
  it('gives back every segment as it was, each source, code, coder and case once in the tables', () => {
    const list = [
      segment({ id: 'a' }),
      segment({
        id: 'b',
        case: { id: 'k1', name: 'Kristin' },
        memo: 'tydligt',
        speaker: 'K',
        startMs: 1200,
        span: { startMs: 1200, endMs: 1900 },
        broken: true,
      }),
      segment({ id: 'c', source: { id: 's2', name: 'b-intervju' }, coder: 'bo', case: { id: 'k1', name: 'Kristin' } }),
      segment({ id: 'd', code: { id: 'c2', name: 'plan', color: '#f2c200' } }),
    ];
    const packed = packSegments(list);
    expect(unpackSegments(packed)).toEqual(list);
    expect(packed.sources).toEqual([source, { id: 's2', name: 'b-intervju' }]);
    expect(packed.coders).toEqual(['anna', 'bo']);
    expect(packed.cases).toEqual([{ id: 'k1', name: 'Kristin' }]);
    expect(packed.codes.map((c) => c.id)).toEqual(['c1', 'c2']);
    // What is empty does not travel.
    expect(packed.segments[0]).toEqual({ id: 'a', source: 0, code: 0, coder: 0, start: 0, end: 4, text: 'Hej ' });
    expect(packed.segments[1]).toMatchObject({ case: 0, memo: 'tydligt', speaker: 'K', startMs: 1200, broken: true });
  });
});
