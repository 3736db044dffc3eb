import { KodaError } from '../errors.js';
import type { QueryNode } from './ast.js';

/**
 * The coding query language, read by recursive descent. Keywords in any case, in English or
 * Swedish; codes by name in double quotes (`"hinder"`, with `\"` for a quote inside) or as one
 * bare word (`hinder`, `Strategier/plan`); smart codes as `smart:"Name"`.
 *
 *   query    := or
 *   or       := and (OR|ELLER and)*
 *   and      := not (AND|OCH not)*
 *   not      := (NOT|INTE) not | relation
 *   relation := primary ( (OVERLAPS|ÖVERLAPPAR | WITHIN|INOM | ENCLOSES|OMSLUTER) primary
 *                       | (FOLLOWED BY|FÖLJT AV) primary (WITHIN|INOM n WORDS|ORD | IN|I SAME|SAMMA TURN|TUR|REPLIK)
 *                       | (NEAR|NÄRA) n primary )*
 *   primary  := "name" | word | smart:"name" | smart:word | ( query )
 *
 * A syntax error is the KodaError `query.syntax` with `position` (1-based, in characters of the
 * query), `expected` (a key of the `query|expected` messages), `after` (the word before) and
 * `found` (`end` or `token`, with the token in `token`).
 */
export function parseQuery(text: string): QueryNode {
  const parser = new Parser(tokenize(text));
  const node = parser.query();
  parser.expectEnd();
  return node;
}

interface Token {
  kind: 'word' | 'string' | 'number' | 'open' | 'close' | 'smart' | 'end';
  /** The word or name (unquoted); for `smart`, the smart code's name. */
  value: string;
  /** As written, for messages. */
  raw: string;
  /** 1-based, in code points. */
  position: number;
}

/** Operator keywords, English and Swedish, to the operator they name. */
const OPERATORS: Record<string, string> = {
  and: 'and',
  och: 'and',
  or: 'or',
  eller: 'or',
  not: 'not',
  inte: 'not',
  overlaps: 'overlaps',
  överlappar: 'overlaps',
  within: 'within',
  inom: 'within',
  encloses: 'encloses',
  omsluter: 'encloses',
  followed: 'followed',
  följt: 'followed',
  near: 'near',
  nära: 'near',
};

const WORD_CHAR = /[\p{L}\p{M}\p{N}_\-/.’']/u;

export function syntaxError(token: Token, expected: string, after: string): KodaError {
  return new KodaError('query.syntax', {
    position: token.position,
    expected,
    after,
    found: token.kind === 'end' ? 'end' : 'token',
    token: token.raw,
  });
}

function tokenize(text: string): Token[] {
  const chars = [...text];
  const tokens: Token[] = [];
  let i = 0;
  const at = (k: number) => chars[k] ?? '';
  const quotedFrom = (open: number): { value: string; next: number } => {
    let value = '';
    let k = open + 1;
    for (; k < chars.length && at(k) !== '"'; k++) {
      if (at(k) === '\\' && k + 1 < chars.length) k++;
      value += at(k);
    }
    if (k >= chars.length) {
      throw syntaxError({ kind: 'end', value: '', raw: '', position: chars.length + 1 }, 'quote', chars.slice(open).join(''));
    }
    return { value, next: k + 1 };
  };
  while (i < chars.length) {
    const c = at(i);
    const position = i + 1;
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', value: c, raw: c, position });
      i++;
    } else if (c === '"') {
      const { value, next } = quotedFrom(i);
      tokens.push({ kind: 'string', value, raw: chars.slice(i, next).join(''), position });
      i = next;
    } else if (WORD_CHAR.test(c)) {
      let k = i;
      while (k < chars.length && WORD_CHAR.test(at(k))) k++;
      const word = chars.slice(i, k).join('');
      if (word.toLowerCase() === 'smart' && at(k) === ':') {
        const smart = smartToken(chars, k + 1, position, quotedFrom);
        tokens.push(smart.token);
        i = smart.next;
        continue;
      }
      tokens.push({ kind: /^\d+$/.test(word) ? 'number' : 'word', value: word, raw: word, position });
      i = k;
    } else {
      throw syntaxError(
        { kind: 'word', value: c, raw: c, position },
        'operand-or-operator',
        tokens[tokens.length - 1]?.raw ?? '',
      );
    }
  }
  tokens.push({ kind: 'end', value: '', raw: '', position: chars.length + 1 });
  return tokens;
}

/** `smart:` followed by a quoted name or one bare word; `next` is where the text goes on. */
function smartToken(
  chars: string[],
  from: number,
  position: number,
  quotedFrom: (open: number) => { value: string; next: number },
): { token: Token; next: number } {
  const raw = (next: number) => chars.slice(position - 1, next).join('');
  if (chars[from] === '"') {
    const { value, next } = quotedFrom(from);
    return { token: { kind: 'smart', value, raw: raw(next), position }, next };
  }
  let next = from;
  while (next < chars.length && WORD_CHAR.test(chars[next] as string)) next++;
  if (next === from) {
    const found: Token =
      from < chars.length
        ? { kind: 'word', value: chars[from] as string, raw: chars[from] as string, position: from + 1 }
        : { kind: 'end', value: '', raw: '', position: from + 1 };
    throw syntaxError(found, 'smart-name', 'smart:');
  }
  return { token: { kind: 'smart', value: chars.slice(from, next).join(''), raw: raw(next), position }, next };
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  query(): QueryNode {
    let left = this.and();
    while (this.operator() === 'or') {
      const op = this.take();
      left = { kind: 'or', left, right: this.and(op.raw) };
    }
    return left;
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind === 'close') throw syntaxError(t, 'no-close', this.before());
    if (t.kind !== 'end') throw syntaxError(t, 'operator', this.before());
  }

  private and(after = ''): QueryNode {
    let left = this.not(after);
    while (this.operator() === 'and') {
      const op = this.take();
      left = { kind: 'and', left, right: this.not(op.raw) };
    }
    return left;
  }

  private not(after: string): QueryNode {
    if (this.operator() === 'not') {
      const op = this.take();
      return { kind: 'not', operand: this.not(op.raw) };
    }
    return this.relation(after);
  }

  private relation(after: string): QueryNode {
    let left = this.primary(after);
    for (;;) {
      const op = this.operator();
      if (op === 'overlaps' || op === 'within' || op === 'encloses') {
        const t = this.take();
        left = { kind: op, left, right: this.primary(t.raw) };
      } else if (op === 'followed') {
        left = this.followed(left);
      } else if (op === 'near') {
        const t = this.take();
        const words = this.number(t.raw);
        left = { kind: 'near', left, right: this.primary(`${t.raw} ${words}`), words };
      } else {
        return left;
      }
    }
  }

  /** `FOLLOWED BY B WITHIN n WORDS` or `FOLLOWED BY B IN SAME TURN` (the left side already read). */
  private followed(left: QueryNode): QueryNode {
    const followed = this.take();
    this.keyword(['by', 'av'], 'by', followed.raw);
    const right = this.primary(`${followed.raw} ${this.before()}`);
    const t = this.peek();
    const word = t.kind === 'word' ? t.value.toLowerCase() : '';
    if (OPERATORS[word] === 'within') {
      this.take();
      const words = this.number(t.raw);
      this.keyword(['words', 'word', 'ord'], 'words', String(words));
      return { kind: 'followed', left, right, words };
    }
    if (word === 'in' || word === 'i') {
      this.take();
      this.keyword(['same', 'samma'], 'same', t.raw);
      this.keyword(['turn', 'tur', 'turen', 'replik', 'repliken'], 'turn', this.before());
      return { kind: 'followed', left, right, words: null };
    }
    throw syntaxError(t, 'followed-how', this.before());
  }

  private primary(after: string): QueryNode {
    const t = this.peek();
    if (t.kind === 'open') {
      this.take();
      const inner = this.query();
      if (this.peek().kind !== 'close') throw syntaxError(this.peek(), 'close', this.before());
      this.take();
      return inner;
    }
    if (t.kind === 'string' || t.kind === 'number' || (t.kind === 'word' && !OPERATORS[t.value.toLowerCase()])) {
      this.take();
      if (t.value.trim() === '') throw syntaxError(t, 'operand', after);
      return { kind: 'code', ref: t.value };
    }
    if (t.kind === 'smart') {
      this.take();
      return { kind: 'smart', ref: t.value };
    }
    throw syntaxError(t, 'operand', after);
  }

  private number(after: string): number {
    const t = this.peek();
    if (t.kind !== 'number' || t.value.length > 6) throw syntaxError(t, 'number', after);
    this.take();
    return Number(t.value);
  }

  private keyword(words: string[], expected: string, after: string): void {
    const t = this.peek();
    if (t.kind !== 'word' || !words.includes(t.value.toLowerCase())) throw syntaxError(t, expected, after);
    this.take();
  }

  private operator(): string | undefined {
    const t = this.peek();
    return t.kind === 'word' ? OPERATORS[t.value.toLowerCase()] : undefined;
  }

  private peek(): Token {
    return this.tokens[this.at] as Token;
  }

  private take(): Token {
    return this.tokens[this.at++] as Token;
  }

  /** The token just read, as written ('' at the start). */
  private before(): string {
    return this.tokens[this.at - 1]?.raw ?? '';
  }
}
