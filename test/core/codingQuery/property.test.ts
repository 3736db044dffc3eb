import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printQuery, type QueryNode } from '../../../src/core/codingQuery/ast.js';
import { evaluate } from '../../../src/core/codingQuery/evaluate.js';
import { parseQuery } from '../../../src/core/codingQuery/parse.js';
import { merge, type Span } from '../../../src/core/codingQuery/spans.js';
import { bruteForce, passages, type World } from './bruteForce.js';

/** A small source: its words, turns (maybe with gaps between), a scope and three codes' segments. */
const world: fc.Arbitrary<World> = fc.integer({ min: 1, max: 40 }).chain((length) => {
  const segment = fc
    .integer({ min: 0, max: length - 1 })
    .chain((start) => fc.integer({ min: start + 1, max: length }).map((end) => ({ start, end })));
  return fc
    .record({
      letters: fc.array(fc.boolean(), { minLength: length, maxLength: length }),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 6 }),
      hasTurns: fc.boolean(),
      turnKept: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
      scoped: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
      useScope: fc.boolean(),
      A: fc.array(segment, { maxLength: 5 }),
      B: fc.array(segment, { maxLength: 5 }),
      C: fc.array(segment, { maxLength: 5 }),
    })
    .map((r) => {
      const bounds = [0, ...r.cuts.filter((c) => c < length).sort((a, b) => a - b), length];
      const pieces = bounds.slice(1).map((end, i) => ({ start: bounds[i] as number, end }));
      const turns = r.hasTurns ? pieces.filter((_, i) => r.turnKept[i]) : [];
      const scoped = r.useScope && turns.length ? turns.filter((_, i) => r.scoped[i]) : [{ start: 0, end: length }];
      const scope = Array.from({ length }, (_, i) => scoped.some((t) => t.start <= i && i < t.end));
      return { length, scope, codes: { A: r.A, B: r.B, C: r.C }, words: passages(r.letters), turns };
    });
});

const words = fc.integer({ min: 0, max: 4 });
const { query } = fc.letrec<{ query: QueryNode; leaf: QueryNode }>((tie) => ({
  leaf: fc.constantFrom<QueryNode>({ kind: 'code', ref: 'A' }, { kind: 'code', ref: 'B' }, { kind: 'code', ref: 'C' }),
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('leaf'),
    fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('query'), right: tie('query') }),
    fc.record({ kind: fc.constant('not' as const), operand: tie('query') }),
    fc.record({
      kind: fc.constantFrom('overlaps' as const, 'within' as const, 'encloses' as const),
      left: tie('query'),
      right: tie('query'),
    }),
    fc.record({
      kind: fc.constant('followed' as const),
      left: tie('query'),
      right: tie('query'),
      words: fc.option(words, { nil: null }),
    }),
    fc.record({ kind: fc.constant('near' as const), left: tie('query'), right: tie('query'), words }),
  ),
}));

function material(w: World) {
  return {
    length: w.length,
    scope: passages(w.scope),
    codes: new Map(Object.entries(w.codes)),
    smart: new Map<string, Span[]>(),
    words: w.words,
    turns: w.turns,
  };
}

describe('coding query evaluator against a brute-force evaluator', () => {
  it('returns exactly the passages the definitions give, for random codings and queries', () => {
    fc.assert(
      fc.property(world, query, (w, q) => {
        expect(evaluate(q, material(w))).toEqual(passages(bruteForce(q, w)));
      }),
      { numRuns: 3000 },
    );
  });

  it('returns merged passage lists inside the scope', () => {
    fc.assert(
      fc.property(world, query, (w, q) => {
        const out = evaluate(q, material(w));
        expect(merge(out)).toEqual(out);
        for (const s of out) for (let i = s.start; i < s.end; i++) expect(w.scope[i]).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('reads back every query from its normal form', () => {
    fc.assert(
      fc.property(query, (q) => {
        expect(parseQuery(printQuery(q))).toEqual(q);
      }),
      { numRuns: 2000 },
    );
  });
});
