import type { QueryNode } from './ast.js';
import { firstNotBefore, intersect, merge, type Span, subtract, union } from './spans.js';

/**
 * What a coding query is evaluated over: one source, in code points of its canonical text.
 * - `scope`: the passages the query may return (the whole text, or the turns an analysis filter
 *   lets through: a speaker role, a case); a passage list.
 * - `codes`: each code reference's segments (any order, may overlap), by `ref`;
 *   `smart`: each smart code reference's result in this source (a passage list), by `ref`.
 * - `words`: the text's words in order (core/queries/words.ts), for FOLLOWED BY … WITHIN and NEAR.
 * - `turns`: the speaker turns in order; a source without turns is one turn.
 */
export interface SourceMaterial {
  length: number;
  scope: readonly Span[];
  codes: ReadonlyMap<string, readonly Span[]>;
  smart: ReadonlyMap<string, readonly Span[]>;
  words: readonly Span[];
  turns: readonly Span[];
}

/**
 * The passages of one source a query returns, a passage list (spans.ts): every value is a set of
 * text, and each of its maximal stretches is a *passage*. Everything lies inside `scope`.
 * - a code: the text its segments cover (and those of the codes below it, as the command
 *   resolves it), overlapping or touching segments joined into one passage;
 * - `A AND B`: the text coded by both (the intersection); `A OR B`: by either (the union);
 * - `NOT A`: the text of the scope not in A (the complement within the source, or within the
 *   turns the filter lets through), so `A AND NOT B` is A's text less B's;
 * - `A OVERLAPS B`: A's passages sharing at least one character with B, whole;
 *   `A WITHIN B`: A's passages lying wholly inside a passage of B;
 *   `A ENCLOSES B`: A's passages holding at least one whole passage of B;
 * - `A FOLLOWED BY B WITHIN n WORDS`: for each passage of A, the first passage of B starting at
 *   or after A's end, when at most n words lie wholly between them; the result is the span from
 *   A's start to that B's end (the stretch that shows the sequence). `IN SAME TURN` instead asks
 *   that A's first and B's last character lie in the same speaker turn;
 * - `A NEAR n B`: A's passages with a passage of B overlapping them or at most n words away on
 *   either side, whole (like OVERLAPS, it returns the left side).
 * Spans that overlap or touch in a result are joined again, and the result is cut to the scope.
 */
export function evaluate(node: QueryNode, m: SourceMaterial): Span[] {
  switch (node.kind) {
    case 'code':
      return intersect(merge([...(m.codes.get(node.ref) ?? [])]), m.scope);
    case 'smart':
      return intersect(merge([...(m.smart.get(node.ref) ?? [])]), m.scope);
    case 'and':
      return intersect(evaluate(node.left, m), evaluate(node.right, m));
    case 'or':
      return union(evaluate(node.left, m), evaluate(node.right, m));
    case 'not':
      return subtract(m.scope, evaluate(node.operand, m));
    case 'overlaps':
    case 'within':
    case 'encloses': {
      const right = evaluate(node.right, m);
      const meets = RELATIONS[node.kind];
      return evaluate(node.left, m).filter((a) => meets(a, right));
    }
    case 'followed':
      return followedBy(evaluate(node.left, m), evaluate(node.right, m), node.words, m);
    case 'near': {
      const right = evaluate(node.right, m);
      return evaluate(node.left, m).filter((a) => isNear(a, right, node.words, m.words));
    }
  }
}

type Relation = (a: Span, passages: readonly Span[]) => boolean;

const RELATIONS: Record<'overlaps' | 'within' | 'encloses', Relation> = {
  overlaps: (a, bs) => {
    const b = bs[firstNotBefore(bs, (x) => x.end <= a.start)];
    return b !== undefined && b.start < a.end;
  },
  within: (a, bs) => {
    const b = bs[firstNotBefore(bs, (x) => x.end <= a.start)];
    return b !== undefined && b.start <= a.start && a.end <= b.end;
  },
  encloses: (a, bs) => {
    const b = bs[firstNotBefore(bs, (x) => x.start < a.start)];
    return b !== undefined && b.end <= a.end;
  },
};

function followedBy(left: Span[], right: Span[], words: number | null, m: SourceMaterial): Span[] {
  const out: Span[] = [];
  for (const a of left) {
    const b = right[firstNotBefore(right, (x) => x.start < a.end)];
    if (!b) continue;
    const close = words === null ? sameTurn(a.start, b.end - 1, m) : wordsBetween(m.words, a.end, b.start) <= words;
    if (close) out.push({ start: a.start, end: b.end });
  }
  return intersect(merge(out), m.scope);
}

function isNear(a: Span, right: readonly Span[], n: number, words: readonly Span[]): boolean {
  const i = firstNotBefore(right, (x) => x.end <= a.start);
  const after = right[i];
  if (after && after.start < a.end) return true; // overlapping
  if (after && wordsBetween(words, a.end, after.start) <= n) return true;
  const before = right[i - 1];
  return before !== undefined && wordsBetween(words, before.end, a.start) <= n;
}

/** How many words lie wholly in `[from, to)`. */
export function wordsBetween(words: readonly Span[], from: number, to: number): number {
  const first = firstNotBefore(words, (w) => w.start < from);
  const past = firstNotBefore(words, (w) => w.end <= to);
  return Math.max(0, past - first);
}

/** Whether two characters lie in the same turn (a source without turns is one turn). */
function sameTurn(p: number, q: number, m: SourceMaterial): boolean {
  if (m.turns.length === 0) return true;
  const turn = m.turns[firstNotBefore(m.turns, (t) => t.end <= p)];
  return turn !== undefined && turn.start <= p && q < turn.end;
}

/** The code references whose segments lie (partly) in `span`: which codes made a hit. */
export function codesIn(span: Span, codes: ReadonlyMap<string, readonly Span[]>): string[] {
  const out: string[] = [];
  for (const [ref, segments] of codes) if (segments.some((s) => s.start < span.end && span.start < s.end)) out.push(ref);
  return out;
}
