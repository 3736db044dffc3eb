import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { references } from '../../src/core/codingQuery/ast.js';
import { parseQuery } from '../../src/core/codingQuery/parse.js';
import {
  add,
  type Builder,
  canAdd,
  EMPTY_BUILDER,
  type FollowCondition,
  isComplete,
  readExpression,
  type Token,
  writeExpression,
} from '../../web/src/codingQuery/expression.js';

/**
 * The builder and the server's parser agree: whatever query the builder lets a person finish by
 * clicking (only the buttons it enables), the query language reads (core/codingQuery/parse.ts),
 * naming the same codes in the same order; and its text reads back into the same chips.
 */

/** Code names as researchers write them: one word, several, Swedish letters, keywords, quotes. */
const NAMES = ['hinder', 'media', 'brist på tid', 'Strategier', 'near', 'OCH', 'i', 'säger "nej"', 'a\\b', '2020', 'x-y_1'];

type Click = { token: Token; condition?: FollowCondition };

const click: fc.Arbitrary<Click> = fc.oneof(
  fc.constantFrom(...NAMES).map((name) => ({ token: { kind: 'code', name } as Token })),
  fc.constantFrom(...NAMES).map((name) => ({ token: { kind: 'smart', name } as Token })),
  fc.constantFrom('AND', 'OR', 'OVERLAPS', 'WITHIN', 'ENCLOSES').map((op) => ({ token: { kind: 'op', op } as Token })),
  fc.constant({ token: { kind: 'not' } as Token }),
  fc.nat(40).map((words) => ({ token: { kind: 'near', words } as Token })),
  fc.nat(40).map((words) => ({
    token: { kind: 'followedBy' } as Token,
    condition: { kind: 'withinWords', words } as FollowCondition,
  })),
  fc.constant({ token: { kind: 'followedBy' } as Token, condition: { kind: 'sameTurn' } as FollowCondition }),
  fc.constant({ token: { kind: 'open' } as Token }),
  fc.constant({ token: { kind: 'close' } as Token }),
);

/** The builder after the clicks on enabled buttons (a click on a disabled one does nothing). */
function clickAll(clicks: readonly Click[]): Builder {
  return clicks.reduce((b, c) => (canAdd(b.tokens, c.token) ? add(b, c.token, c.condition) : b), EMPTY_BUILDER);
}

/** Finishes a query as a person would: a code where one is missing, then the open brackets closed. */
function finish(builder: Builder): Builder {
  let b = builder;
  for (let guard = 0; !isComplete(b) && guard < 100; guard++) {
    const code: Token = { kind: 'code', name: 'hinder' };
    b = canAdd(b.tokens, code) ? add(b, code) : add(b, { kind: 'close' });
  }
  return b;
}

const named = (tokens: readonly Token[]) =>
  tokens.flatMap((t) => (t.kind === 'code' || t.kind === 'smart' ? [{ kind: t.kind, ref: t.name }] : []));

describe('what the builder writes, the server reads', () => {
  it('every query finished by clicking parses, naming the codes clicked, in order', () => {
    fc.assert(
      fc.property(fc.array(click, { maxLength: 30 }), (clicks) => {
        const builder = finish(clickAll(clicks));
        expect(isComplete(builder)).toBe(true);
        const text = writeExpression(builder.tokens);
        expect(references(parseQuery(text))).toEqual(named(builder.tokens));
      }),
      { numRuns: 500 },
    );
  });

  it('a half-built query is not complete, and the server says so too', () => {
    fc.assert(
      fc.property(fc.array(click, { minLength: 1, maxLength: 30 }), (clicks) => {
        const builder = clickAll(clicks);
        if (builder.tokens.length === 0 || isComplete(builder)) return;
        expect(() => parseQuery(writeExpression(builder.tokens))).toThrow(expect.objectContaining({ code: 'query.syntax' }));
      }),
      { numRuns: 500 },
    );
  });

  it('the text of any builder reads back into the same chips', () => {
    fc.assert(
      fc.property(fc.array(click, { maxLength: 30 }), (clicks) => {
        const { tokens } = clickAll(clicks);
        expect(readExpression(writeExpression(tokens))).toEqual({ tokens });
      }),
      { numRuns: 500 },
    );
  });
});
