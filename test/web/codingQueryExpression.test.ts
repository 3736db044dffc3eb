import { describe, expect, it } from 'vitest';
import {
  add,
  type Builder,
  EMPTY_BUILDER,
  expects,
  group,
  readExpression,
  remove,
  type Token,
  writeExpression,
  writeName,
} from '../../web/src/codingQuery/expression.js';

const code = (name: string): Token => ({ kind: 'code', name });
const op = (o: 'AND' | 'OR' | 'OVERLAPS' | 'WITHIN' | 'ENCLOSES'): Token => ({ kind: 'op', op: o });
const build = (...steps: (Token | [Token, { kind: 'withinWords'; words: number } | { kind: 'sameTurn' }])[]): Builder =>
  steps.reduce<Builder>((b, s) => (Array.isArray(s) ? add(b, s[0], s[1]) : add(b, s)), EMPTY_BUILDER);
const tokensOf = (text: string): Token[] => {
  const read = readExpression(text);
  if (!('tokens' in read)) throw new Error(`not read: ${text}`);
  return read.tokens;
};

describe('the coding query builder writes the expression text', () => {
  it('writes codes and operators clicked in order, brackets without inner spaces', () => {
    const b = build(
      { kind: 'open' },
      code('hinder'),
      op('OR'),
      code('media'),
      { kind: 'close' },
      op('WITHIN'),
      code('styrdokument'),
    );
    expect(writeExpression(b.tokens)).toBe('(hinder OR media) WITHIN styrdokument');
  });

  it('quotes names of several words, with quotes, or that are keywords, and writes smart codes', () => {
    expect(writeName('hinder')).toBe('hinder');
    expect(writeName('Skol-kurator_2')).toBe('Skol-kurator_2');
    expect(writeName('brist på resurser')).toBe('"brist på resurser"');
    expect(writeName('near')).toBe('"near"');
    expect(writeName('OCH')).toBe('"OCH"');
    expect(writeName('2020')).toBe('"2020"');
    expect(writeName('säger "nej"')).toBe('"säger \\"nej\\""');
    const b = build(code('möjligheter'), op('AND'), { kind: 'not' }, { kind: 'smart', name: 'Hinder i media' });
    expect(writeExpression(b.tokens)).toBe('möjligheter AND NOT smart:"Hinder i media"');
  });

  it('writes FOLLOWED BY’s condition after its right operand, even a bracketed one', () => {
    const words = build(code('hinder'), [{ kind: 'followedBy' }, { kind: 'withinWords', words: 7 }], code('strategier'));
    expect(writeExpression(words.tokens)).toBe('hinder FOLLOWED BY strategier WITHIN 7 WORDS');
    const turn = build(
      code('hinder'),
      [{ kind: 'followedBy' }, { kind: 'sameTurn' }],
      { kind: 'open' },
      code('plan'),
      op('OR'),
      code('insats'),
      { kind: 'close' },
    );
    expect(writeExpression(turn.tokens)).toBe('hinder FOLLOWED BY (plan OR insats) IN SAME TURN');
    // The condition waits while the bracket is open.
    const open = build(code('hinder'), [{ kind: 'followedBy' }, { kind: 'sameTurn' }], { kind: 'open' }, code('plan'));
    expect(writeExpression(open.tokens)).toBe('hinder FOLLOWED BY (plan');
    expect(open.pending).toEqual([{ depth: 0, condition: { kind: 'sameTurn' } }]);
    const near = build(code('hinder'), { kind: 'near', words: 10 }, code('media'));
    expect(writeExpression(near.tokens)).toBe('hinder NEAR 10 media');
  });

  it('nested FOLLOWED BY conditions close innermost first', () => {
    const b = build(
      code('a'),
      [{ kind: 'followedBy' }, { kind: 'sameTurn' }],
      { kind: 'open' },
      code('b'),
      [{ kind: 'followedBy' }, { kind: 'withinWords', words: 3 }],
      code('c'),
      { kind: 'close' },
    );
    expect(writeExpression(b.tokens)).toBe('a FOLLOWED BY (b FOLLOWED BY c WITHIN 3 WORDS) IN SAME TURN');
  });

  it('brackets the whole expression, removes a token, and says what may come next', () => {
    const b = build(code('hinder'), op('OR'), code('media'));
    expect(writeExpression(group(b).tokens)).toBe('(hinder OR media)');
    expect(writeExpression(remove(b).tokens)).toBe('hinder OR');
    expect(writeExpression(remove(b, 0).tokens)).toBe('OR media');
    expect(expects([])).toBe('operand');
    expect(expects(b.tokens)).toBe('operator');
    expect(expects(remove(b).tokens)).toBe('operand');
    expect(expects(build(code('a'), [{ kind: 'followedBy' }, { kind: 'sameTurn' }], code('b')).tokens)).toBe('operator');
    expect(group(EMPTY_BUILDER)).toBe(EMPTY_BUILDER);
  });
});

describe('typed text is read back into the builder’s tokens', () => {
  const round = [
    'hinder',
    '(hinder OR media) WITHIN styrdokument',
    'möjligheter AND NOT smart:"Hinder i media"',
    'hinder FOLLOWED BY (plan OR insats) IN SAME TURN',
    'a FOLLOWED BY (b FOLLOWED BY c WITHIN 3 WORDS) IN SAME TURN',
    'hinder NEAR 10 media',
    '"brist på resurser" ENCLOSES "near" OVERLAPS "säger \\"nej\\""',
  ];
  it.each(round)('text → tokens → the same text: %s', (text) => {
    expect(writeExpression(tokensOf(text))).toBe(text);
  });

  it('reads keywords in any case and any spacing, and normalises them', () => {
    expect(writeExpression(tokensOf('  hinder   and(media   or\tstrategier)followed by x within 4 words'))).toBe(
      'hinder AND (media OR strategier) FOLLOWED BY x WITHIN 4 WORDS',
    );
    expect(tokensOf('a near 3 b')).toEqual([code('a'), { kind: 'near', words: 3 }, code('b')]);
    expect(tokensOf('a in same turn')).toEqual([code('a'), { kind: 'sameTurn' }]);
    expect(tokensOf('SMART:"x y"')).toEqual([{ kind: 'smart', name: 'x y' }]);
  });

  it('reads WITHIN before a code as the operator, before a number as FOLLOWED BY’s condition', () => {
    expect(tokensOf('a WITHIN b')).toEqual([code('a'), op('WITHIN'), code('b')]);
    expect(tokensOf('a FOLLOWED BY b WITHIN 2')).toEqual([
      code('a'),
      { kind: 'followedBy' },
      code('b'),
      { kind: 'withinWords', words: 2 },
    ]);
  });

  it('a word that is no keyword is a code, for the server to find or report', () => {
    expect(tokensOf('followed near x')).toEqual([code('followed'), code('near'), code('x')]);
  });

  it('an unclosed quote is reported at the quote, in UTF-16 positions of the field', () => {
    expect(readExpression('hinder AND "brist på')).toEqual({ error: { kind: 'unclosedQuote', position: 11 } });
    expect(readExpression('a OR smart:"b')).toEqual({ error: { kind: 'unclosedQuote', position: 11 } });
  });

  it('the tokens read from typed text keep building: a click adds to them', () => {
    const b = add({ tokens: tokensOf('hinder OVERLAPS'), pending: [] }, code('media'));
    expect(writeExpression(b.tokens)).toBe('hinder OVERLAPS media');
  });
});

describe('the coding query pages have addresses', () => {
  it('round-trips the builder and a smart code’s page', async () => {
    const { href, parseRoute } = await import('../../web/src/router.js');
    expect(parseRoute('#/p/Studie/coding-query')).toEqual({ view: 'codingQuery', project: 'Studie' });
    expect(href({ view: 'codingQuery', project: 'Studie' })).toBe('#/p/Studie/coding-query');
    const smart = { view: 'smartCode', project: 'Studie', smartCode: 'Hinder i media' } as const;
    expect(href(smart)).toBe('#/p/Studie/smart/Hinder%20i%20media');
    expect(parseRoute(href(smart))).toEqual(smart);
  });
});

describe('Swedish keywords and what may follow a relation', () => {
  it('reads the Swedish keywords the server accepts as the English ones', () => {
    expect(writeExpression(tokensOf('hinder och inte media eller a följt av b inom 3 ord'))).toBe(
      'hinder AND NOT media OR a FOLLOWED BY b WITHIN 3 WORDS',
    );
    expect(writeExpression(tokensOf('a FÖLJT AV b I SAMMA REPLIK'))).toBe('a FOLLOWED BY b IN SAME TURN');
    expect(writeExpression(tokensOf('a nära 4 b'))).toBe('a NEAR 4 b');
    // Alone, the words of a keyword phrase are names.
    expect(tokensOf('av ord i')).toEqual([code('av'), code('ord'), code('i')]);
    expect(writeName('i')).toBe('"i"');
  });

  it('offers no NOT right after a relation (its right side is a code or a bracket)', () => {
    expect(expects(build(code('a'), op('OVERLAPS')).tokens)).toBe('primary');
    expect(expects(build(code('a'), { kind: 'near', words: 2 }).tokens)).toBe('primary');
    expect(expects(build(code('a'), [{ kind: 'followedBy' }, { kind: 'sameTurn' }]).tokens)).toBe('primary');
    expect(expects(build(code('a'), op('AND')).tokens)).toBe('operand');
    expect(expects(build(code('a'), op('OR')).tokens)).toBe('operand');
  });
});
