/**
 * The coding query's text as a row of tokens, for the visual builder: clicking a code or an
 * operator adds a token, the tokens write the expression text, and typed text is read back into
 * tokens so the chips follow the field. Reading is lexing only: whether the tokens make a valid
 * query is the server's to say (query.syntax, with the position), so the builder never disagrees
 * with it. A position in the text is a UTF-16 index of the field's value.
 *
 * `A FOLLOWED BY B WITHIN N WORDS` and `A FOLLOWED BY B IN SAME TURN` carry their condition
 * after the right operand: the builder remembers it (`pending`) and writes it once that operand
 * is complete.
 */

export const BINARY_OPERATORS = ['AND', 'OR', 'OVERLAPS', 'WITHIN', 'ENCLOSES'] as const;
export type BinaryOperator = (typeof BINARY_OPERATORS)[number];

/** A condition written after the right operand of FOLLOWED BY. */
export type FollowCondition = { kind: 'withinWords'; words: number } | { kind: 'sameTurn' };

export type Token =
  | { kind: 'code'; name: string }
  | { kind: 'smart'; name: string }
  | { kind: 'op'; op: BinaryOperator }
  | { kind: 'not' }
  | { kind: 'followedBy' }
  | { kind: 'near'; words: number }
  | FollowCondition
  | { kind: 'open' }
  | { kind: 'close' };

export interface Builder {
  tokens: Token[];
  /** FOLLOWED BY conditions still to write, innermost last, each at the bracket depth of its operator. */
  pending: { depth: number; condition: FollowCondition }[];
}

export const EMPTY_BUILDER: Builder = { tokens: [], pending: [] };

/** Words of the language: a code with one of these as its name is written in quotes. */
const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'overlaps',
  'within',
  'encloses',
  'followed',
  'by',
  'near',
  'in',
  'same',
  'turn',
  'words',
  'word',
  'smart',
  // Swedish keywords the server may accept: quoting them is always safe.
  'och',
  'eller',
  'inte',
  'överlappar',
  'inom',
  'omsluter',
  'följt',
  'av',
  'nära',
  'samma',
  'i',
  'tur',
  'turen',
  'replik',
  'repliken',
  'ord',
]);

/** A name that may stand bare: one word of letters, digits, `_` or `-`, not a keyword or a number. */
const BARE = /^[\p{L}\p{M}_][\p{L}\p{M}\p{N}_-]*$/u;

function quoted(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A code's name as the query language writes it. */
export function writeName(name: string): string {
  return BARE.test(name) && !KEYWORDS.has(name.toLowerCase()) ? name : quoted(name);
}

function writeToken(token: Token): string {
  switch (token.kind) {
    case 'code':
      return writeName(token.name);
    case 'smart':
      return `smart:${quoted(token.name)}`;
    case 'op':
      return token.op;
    case 'not':
      return 'NOT';
    case 'followedBy':
      return 'FOLLOWED BY';
    case 'near':
      return `NEAR ${token.words}`;
    case 'withinWords':
      return `WITHIN ${token.words} WORDS`;
    case 'sameTurn':
      return 'IN SAME TURN';
    case 'open':
      return '(';
    case 'close':
      return ')';
  }
}

/** The expression text of `tokens`: one space between tokens, none inside brackets. */
export function writeExpression(tokens: readonly Token[]): string {
  let out = '';
  let previous: Token | undefined;
  for (const token of tokens) {
    const glued = previous === undefined || previous.kind === 'open' || token.kind === 'close';
    out += (glued ? '' : ' ') + writeToken(token);
    previous = token;
  }
  return out;
}

/** Bracket depth after `tokens` (never below zero: a stray `)` is the server's to report). */
export function depthOf(tokens: readonly Token[]): number {
  let depth = 0;
  for (const t of tokens) {
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close') depth = Math.max(0, depth - 1);
  }
  return depth;
}

/** Whether the tokens end with something complete on its own: a code, a smart code or a closed bracket. */
export function endsWithOperand(tokens: readonly Token[]): boolean {
  const last = tokens[tokens.length - 1];
  return last !== undefined && (last.kind === 'code' || last.kind === 'smart' || last.kind === 'close');
}

/**
 * What may come next: an operator after something complete; after a relation (OVERLAPS, WITHIN,
 * ENCLOSES, FOLLOWED BY, NEAR) a code or a bracket (`primary`: the language takes no NOT there);
 * else a code, NOT or a bracket.
 */
export function expects(tokens: readonly Token[]): 'operand' | 'primary' | 'operator' {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return 'operand';
  if (['code', 'smart', 'close', 'withinWords', 'sameTurn'].includes(last.kind)) return 'operator';
  const relation =
    last.kind === 'followedBy' || last.kind === 'near' || (last.kind === 'op' && last.op !== 'AND' && last.op !== 'OR');
  return relation ? 'primary' : 'operand';
}

/**
 * Whether the builder offers `token` next (a disabled button otherwise): codes and brackets where
 * an operand may stand, NOT only where the language takes it, operators after something complete,
 * a closing bracket only inside one. FOLLOWED BY's conditions come with it, never alone.
 */
export function canAdd(tokens: readonly Token[], token: Token): boolean {
  const next = expects(tokens);
  switch (token.kind) {
    case 'code':
    case 'smart':
    case 'open':
      return next !== 'operator';
    case 'not':
      return next === 'operand';
    case 'op':
    case 'followedBy':
    case 'near':
      return next === 'operator';
    case 'close':
      return next === 'operator' && depthOf(tokens) > 0;
    default:
      return false;
  }
}

/** Whether the query is whole: nothing missing after its last operator, every bracket closed. */
export function isComplete(builder: Builder): boolean {
  return expects(builder.tokens) === 'operator' && depthOf(builder.tokens) === 0 && builder.pending.length === 0;
}

/**
 * Adds a token; after an operand that completes the right side of a FOLLOWED BY, its condition
 * follows. `condition` goes with a `followedBy` token.
 */
export function add(builder: Builder, token: Token, condition?: FollowCondition): Builder {
  const tokens = [...builder.tokens, token];
  let pending = builder.pending;
  if (token.kind === 'followedBy' && condition) pending = [...pending, { depth: depthOf(builder.tokens), condition }];
  if (endsWithOperand(tokens)) {
    const depth = depthOf(tokens);
    while (pending.length > 0 && (pending[pending.length - 1] as Builder['pending'][number]).depth === depth) {
      tokens.push((pending[pending.length - 1] as Builder['pending'][number]).condition);
      pending = pending.slice(0, -1);
    }
  }
  return { tokens, pending };
}

/** Takes away the token at `index` (the last when absent); conditions still waiting are forgotten. */
export function remove(builder: Builder, index = builder.tokens.length - 1): Builder {
  return { tokens: builder.tokens.filter((_, i) => i !== index), pending: [] };
}

/** Puts the whole expression in brackets, so what is added next combines with all of it. */
export function group(builder: Builder): Builder {
  if (builder.tokens.length === 0) return builder;
  return { tokens: [{ kind: 'open' }, ...builder.tokens, { kind: 'close' }], pending: [] };
}

/** What the text cannot be read as: an open quote, at `position` (UTF-16 index). */
export interface ReadError {
  kind: 'unclosedQuote';
  position: number;
}

/** A raw piece of the text: a bracket, a quoted name (with its smart: prefix) or a word. */
type Piece = { word: string } | { quoted: string; smart: boolean } | { open: true } | { close: true };

const WORD = /[^\s()"]+/y;
const SPACE = /\s+/y;

/** Reads a `"…"` name starting at `at` (the quote); undefined when it is not closed. */
function readQuoted(text: string, at: number): { name: string; end: number } | undefined {
  let name = '';
  for (let i = at + 1; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\' && i + 1 < text.length) {
      name += text[i + 1];
      i++;
    } else if (c === '"') return { name, end: i + 1 };
    else name += c;
  }
  return undefined;
}

/** The Swedish keywords the server accepts, as the English ones the builder writes. */
const SWEDISH: Record<string, string> = {
  och: 'and',
  eller: 'or',
  inte: 'not',
  överlappar: 'overlaps',
  inom: 'within',
  omsluter: 'encloses',
  följt: 'followed',
  av: 'by',
  nära: 'near',
  i: 'in',
  samma: 'same',
  tur: 'turn',
  turen: 'turn',
  replik: 'turn',
  repliken: 'turn',
  ord: 'words',
  word: 'words',
};
const english = (w: string | undefined) => (w === undefined ? undefined : (SWEDISH[w] ?? w));

const isNumber = (w: string | undefined) => w !== undefined && /^\d+$/.test(w);

/**
 * The tokens of an expression text. Keywords are read without regard to case; a word that is no
 * keyword is a code's name. Undefined tokens never arise: an unknown word is a code, which the
 * server then finds or reports.
 */
export function readExpression(text: string): { tokens: Token[] } | { error: ReadError } {
  // First the raw pieces: brackets, quoted names (with their smart: prefix) and words.
  const pieces: Piece[] = [];
  let i = 0;
  while (i < text.length) {
    SPACE.lastIndex = i;
    if (SPACE.test(text)) {
      i = SPACE.lastIndex;
      continue;
    }
    const c = text[i];
    if (c === '(' || c === ')') {
      pieces.push(c === '(' ? { open: true } : { close: true });
      i++;
      continue;
    }
    const smart = text.slice(i, i + 7).toLowerCase() === 'smart:"';
    if (c === '"' || smart) {
      const at = smart ? i + 6 : i;
      const q = readQuoted(text, at);
      if (!q) return { error: { kind: 'unclosedQuote', position: at } };
      pieces.push({ quoted: q.name, smart });
      i = q.end;
      continue;
    }
    WORD.lastIndex = i;
    WORD.test(text);
    pieces.push({ word: text.slice(i, WORD.lastIndex) });
    i = WORD.lastIndex;
  }
  return { tokens: tokensOf(pieces) };
}

const wordAt = (pieces: readonly Piece[], i: number): string | undefined => {
  const p = pieces[i];
  return p && 'word' in p ? p.word.toLowerCase() : undefined;
};

/** Pieces → tokens: keywords (some of two or three words) and names. */
function tokensOf(pieces: readonly Piece[]): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i] as Piece;
    if ('open' in piece) tokens.push({ kind: 'open' });
    else if ('close' in piece) tokens.push({ kind: 'close' });
    else if ('quoted' in piece) tokens.push({ kind: piece.smart ? 'smart' : 'code', name: piece.quoted });
    else {
      const w = SWEDISH[piece.word.toLowerCase()] ?? piece.word.toLowerCase();
      const next = english(wordAt(pieces, i + 1));
      if (w === 'and' || w === 'or' || w === 'overlaps' || w === 'encloses')
        tokens.push({ kind: 'op', op: w.toUpperCase() as BinaryOperator });
      else if (w === 'not') tokens.push({ kind: 'not' });
      else if (w === 'followed' && next === 'by') {
        tokens.push({ kind: 'followedBy' });
        i++;
      } else if (w === 'near' && isNumber(next)) {
        tokens.push({ kind: 'near', words: Number(next) });
        i++;
      } else if (w === 'within' && isNumber(next)) {
        tokens.push({ kind: 'withinWords', words: Number(next) });
        i += english(wordAt(pieces, i + 2)) === 'words' ? 2 : 1;
      } else if (w === 'within') tokens.push({ kind: 'op', op: 'WITHIN' });
      else if (w === 'in' && next === 'same' && english(wordAt(pieces, i + 2)) === 'turn') {
        tokens.push({ kind: 'sameTurn' });
        i += 2;
      } else tokens.push({ kind: 'code', name: piece.word });
    }
  }
  return tokens;
}
