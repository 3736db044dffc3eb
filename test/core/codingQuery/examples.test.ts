import { describe, expect, it } from 'vitest';
import { printQuery } from '../../../src/core/codingQuery/ast.js';
import { evaluate, type SourceMaterial } from '../../../src/core/codingQuery/evaluate.js';
import { parseQuery } from '../../../src/core/codingQuery/parse.js';
import type { Span } from '../../../src/core/codingQuery/spans.js';
import { KodaError } from '../../../src/core/errors.js';
import { words } from '../../../src/core/queries/words.js';

//            0         1         2         3         4         5         6
//            0123456789012345678901234567890123456789012345678901234567890123
const TEXT = 'I: Vad hindrar er?\nA: Pengar saknas. Media skriver om oss. Vi har en plan.';
const turns: Span[] = [
  { start: 0, end: 19 },
  { start: 19, end: TEXT.length },
];

function run(query: string, codes: Record<string, Span[]>, scope: Span[] = [{ start: 0, end: TEXT.length }]) {
  const m: SourceMaterial = {
    length: TEXT.length,
    scope,
    codes: new Map(Object.entries(codes)),
    smart: new Map(),
    words: words(TEXT),
    turns,
  };
  return evaluate(parseQuery(query), m);
}

const text = (spans: Span[]) => spans.map((s) => TEXT.slice(s.start, s.end));
const at = (needle: string): Span => {
  const start = TEXT.indexOf(needle);
  return { start, end: start + needle.length };
};

const hinder = [at('Pengar saknas.'), at('hindrar')];
const media = [at('Media skriver om oss.')];
const strategi = [at('Vi har en plan.')];
const pengar = [at('Pengar')];

describe('coding query operators', () => {
  it('AND is the text coded by both, OR by either, joined where they touch', () => {
    expect(text(run('hinder AND pengar', { hinder, pengar }))).toEqual(['Pengar']);
    expect(text(run('hinder OR media', { hinder, media }))).toEqual(['hindrar', 'Pengar saknas.', 'Media skriver om oss.']);
    const saknas = [at(' saknas.')];
    expect(text(run('pengar OR saknas', { pengar, saknas }))).toEqual(['Pengar saknas.']);
  });

  it('NOT is the rest of the source; AND NOT takes one code’s text from another’s', () => {
    expect(text(run('hinder AND NOT pengar', { hinder, pengar }))).toEqual(['hindrar', ' saknas.']);
    expect(text(run('NOT (hinder OR media OR strategi)', { hinder, media, strategi }))).toEqual([
      'I: Vad ',
      ' er?\nA: ',
      ' ',
      ' ',
    ]);
  });

  it('NOT stays inside the scope the filter leaves', () => {
    expect(text(run('NOT media', { media }, [turns[1] as Span]))).toEqual(['A: Pengar saknas. ', ' Vi har en plan.']);
  });

  it('OVERLAPS keeps the left side’s passages that share text with the right side, whole', () => {
    expect(text(run('hinder OVERLAPS pengar', { hinder, pengar }))).toEqual(['Pengar saknas.']);
    expect(text(run('pengar OVERLAPS strategi', { pengar, strategi }))).toEqual([]);
  });

  it('WITHIN keeps passages wholly inside the right side; ENCLOSES those holding a whole right passage', () => {
    expect(text(run('pengar WITHIN hinder', { hinder, pengar }))).toEqual(['Pengar']);
    expect(text(run('hinder WITHIN pengar', { hinder, pengar }))).toEqual([]);
    expect(text(run('hinder ENCLOSES pengar', { hinder, pengar }))).toEqual(['Pengar saknas.']);
    expect(text(run('pengar ENCLOSES hinder', { hinder, pengar }))).toEqual([]);
  });

  it('FOLLOWED BY … WITHIN n WORDS spans from A’s start to the next B’s end when few words lie between', () => {
    const m = { pengar, strategi };
    // Between "Pengar" and "Vi har en plan.": saknas, Media, skriver, om, oss = 5 words.
    expect(text(run('pengar FOLLOWED BY strategi WITHIN 5 WORDS', m))).toEqual([
      'Pengar saknas. Media skriver om oss. Vi har en plan.',
    ]);
    expect(text(run('pengar FOLLOWED BY strategi WITHIN 4 WORDS', m))).toEqual([]);
    expect(text(run('strategi FOLLOWED BY pengar WITHIN 99 WORDS', m))).toEqual([]);
  });

  it('FOLLOWED BY … IN SAME TURN asks that both lie in one speaker turn', () => {
    const hindrar = [at('hindrar')];
    expect(text(run('pengar FOLLOWED BY strategi IN SAME TURN', { pengar, strategi }))).toHaveLength(1);
    expect(text(run('hindrar FOLLOWED BY pengar IN SAME TURN', { hindrar, pengar }))).toEqual([]);
    expect(text(run('hindrar FOLLOWED BY pengar WITHIN 2 WORDS', { hindrar, pengar }))).toEqual(['hindrar er?\nA: Pengar']);
  });

  it('NEAR n keeps A’s passages with B at most n words away on either side', () => {
    const m = { media, strategi, pengar };
    expect(text(run('strategi NEAR 0 media', m))).toEqual(['Vi har en plan.']);
    expect(text(run('pengar NEAR 0 media', m))).toEqual([]);
    expect(text(run('pengar NEAR 1 media', m))).toEqual(['Pengar']);
    expect(text(run('media NEAR 1 pengar', m))).toEqual(['Media skriver om oss.']);
  });

  it('reads Swedish keywords, any case, quoted names and paths', () => {
    const m = { hinder, 'Strategier/plan': strategi, 'två ord': media };
    expect(run('hinder och inte "två ord"', m)).toEqual(run('hinder AND NOT "två ord"', m));
    expect(run('"två ord" följt av Strategier/plan i samma tur', m)).toEqual(
      run('"två ord" FOLLOWED BY "Strategier/plan" IN SAME TURN', m),
    );
    expect(printQuery(parseQuery('a nära 3 b eller c inom (d överlappar e)'))).toBe(
      '"a" NEAR 3 "b" OR "c" WITHIN ("d" OVERLAPS "e")',
    );
  });

  it('binds OR loosest, then AND, NOT, then the relations', () => {
    expect(printQuery(parseQuery('NOT a OVERLAPS b AND c OR d'))).toBe('NOT "a" OVERLAPS "b" AND "c" OR "d"');
    expect(parseQuery('NOT a OVERLAPS b AND c OR d')).toEqual({
      kind: 'or',
      left: {
        kind: 'and',
        left: { kind: 'not', operand: { kind: 'overlaps', left: { kind: 'code', ref: 'a' }, right: { kind: 'code', ref: 'b' } } },
        right: { kind: 'code', ref: 'c' },
      },
      right: { kind: 'code', ref: 'd' },
    });
    expect(printQuery(parseQuery('a AND (b OR c)'))).toBe('"a" AND ("b" OR "c")');
    expect(printQuery(parseQuery('smart:"Hinder i media" and "say \\"no\\""'))).toBe('smart:"Hinder i media" AND "say \\"no\\""');
  });
});

function syntaxOf(query: string) {
  try {
    parseQuery(query);
  } catch (e) {
    expect(e).toBeInstanceOf(KodaError);
    return { code: (e as KodaError).code, ...(e as KodaError).params };
  }
  throw new Error(`"${query}" parsed`);
}

describe('coding query syntax errors', () => {
  it('says where a code name is missing and after what', () => {
    expect(syntaxOf('hinder AND ')).toMatchObject({
      code: 'query.syntax',
      position: 12,
      expected: 'operand',
      after: 'AND',
      found: 'end',
    });
    expect(syntaxOf('hinder AND OR media')).toMatchObject({
      position: 12,
      expected: 'operand',
      after: 'AND',
      found: 'token',
      token: 'OR',
    });
    expect(syntaxOf('')).toMatchObject({ position: 1, expected: 'operand', found: 'end' });
    expect(syntaxOf('NOT')).toMatchObject({ position: 4, expected: 'operand', after: 'NOT' });
    expect(syntaxOf('a OVERLAPS NOT b')).toMatchObject({ position: 12, expected: 'operand', after: 'OVERLAPS' });
  });

  it('says where an operator is missing, or a parenthesis', () => {
    expect(syntaxOf('hinder media')).toMatchObject({ position: 8, expected: 'operator', token: 'media' });
    expect(syntaxOf('(hinder OR media')).toMatchObject({ position: 17, expected: 'close', found: 'end' });
    expect(syntaxOf('hinder)')).toMatchObject({ position: 7, expected: 'no-close' });
    expect(syntaxOf('hinder & media')).toMatchObject({ position: 8, expected: 'operand-or-operator', token: '&' });
  });

  it('says what FOLLOWED BY and NEAR need', () => {
    expect(syntaxOf('a FOLLOWED b')).toMatchObject({ position: 12, expected: 'by', after: 'FOLLOWED' });
    expect(syntaxOf('a FOLLOWED BY b')).toMatchObject({ position: 16, expected: 'followed-how', found: 'end' });
    expect(syntaxOf('a FOLLOWED BY b WITHIN x WORDS')).toMatchObject({ position: 24, expected: 'number' });
    expect(syntaxOf('a FOLLOWED BY b WITHIN 3')).toMatchObject({ position: 25, expected: 'words' });
    expect(syntaxOf('a FOLLOWED BY b IN turn')).toMatchObject({ position: 20, expected: 'same' });
    expect(syntaxOf('a FOLLOWED BY b IN SAME place')).toMatchObject({ position: 25, expected: 'turn' });
    expect(syntaxOf('a NEAR b')).toMatchObject({ position: 8, expected: 'number', after: 'NEAR' });
  });

  it('says when a quote or a smart code name is unfinished', () => {
    expect(syntaxOf('"hinder AND media')).toMatchObject({ position: 18, expected: 'quote', found: 'end' });
    expect(syntaxOf('smart:')).toMatchObject({ position: 7, expected: 'smart-name' });
    expect(syntaxOf('"" OR a')).toMatchObject({ position: 1, expected: 'operand' });
  });

  it('counts positions in characters, not UTF-16 units', () => {
    expect(syntaxOf('"😀" AND')).toMatchObject({ position: 8, expected: 'operand' });
  });
});
