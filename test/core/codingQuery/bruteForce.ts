import type { QueryNode } from '../../../src/core/codingQuery/ast.js';
import type { Span } from '../../../src/core/codingQuery/spans.js';

/**
 * A deliberately simple evaluator of coding queries, written from the definitions and nothing
 * else: every set of text is one boolean per code point, passages are found by walking it.
 * Slow and obviously right; the property tests hold core/codingQuery/evaluate.ts to it.
 */
export interface World {
  length: number;
  /** Which code points the query may return. */
  scope: boolean[];
  codes: Record<string, Span[]>;
  words: Span[];
  /** Turns in order; none: the source is one turn. */
  turns: Span[];
}

export function bruteForce(node: QueryNode, w: World): boolean[] {
  const none = () => Array.from({ length: w.length }, () => false);
  const inScope = (set: boolean[]) => set.map((v, i) => v && (w.scope[i] as boolean));
  switch (node.kind) {
    case 'code': {
      const set = none();
      for (const s of w.codes[node.ref] ?? []) for (let i = s.start; i < s.end; i++) set[i] = true;
      return inScope(set);
    }
    case 'smart':
      return none();
    case 'and': {
      const a = bruteForce(node.left, w);
      const b = bruteForce(node.right, w);
      return a.map((v, i) => v && (b[i] as boolean));
    }
    case 'or': {
      const a = bruteForce(node.left, w);
      const b = bruteForce(node.right, w);
      return a.map((v, i) => v || (b[i] as boolean));
    }
    case 'not':
      return inScope(bruteForce(node.operand, w).map((v) => !v));
    case 'overlaps':
    case 'within':
    case 'encloses':
    case 'near': {
      const b = bruteForce(node.right, w);
      const bPassages = passages(b);
      const n = node.kind === 'near' ? node.words : 0;
      const out = none();
      for (const p of passages(bruteForce(node.left, w))) {
        const cells = range(p.start, p.end);
        const keep =
          node.kind === 'overlaps'
            ? cells.some((i) => b[i])
            : node.kind === 'within'
              ? cells.every((i) => b[i])
              : node.kind === 'encloses'
                ? bPassages.some((q) => q.start >= p.start && q.end <= p.end)
                : bPassages.some(
                    (q) =>
                      (q.start < p.end && p.start < q.end) ||
                      (q.start >= p.end && wordsIn(w, p.end, q.start) <= n) ||
                      (q.end <= p.start && wordsIn(w, q.end, p.start) <= n),
                  );
        if (keep) for (const i of cells) out[i] = true;
      }
      return out;
    }
    case 'followed': {
      const bPassages = passages(bruteForce(node.right, w));
      const out = none();
      for (const p of passages(bruteForce(node.left, w))) {
        const after = bPassages.filter((q) => q.start >= p.end);
        if (after.length === 0) continue;
        const q = after.reduce((x, y) => (y.start < x.start ? y : x));
        const close = node.words === null ? sameTurn(w, p.start, q.end - 1) : wordsIn(w, p.end, q.start) <= node.words;
        if (close) for (let i = p.start; i < q.end; i++) out[i] = true;
      }
      return inScope(out);
    }
  }
}

/** The maximal runs of true. */
export function passages(set: boolean[]): Span[] {
  const out: Span[] = [];
  for (let i = 0; i < set.length; i++) {
    if (!set[i]) continue;
    const start = i;
    while (i < set.length && set[i]) i++;
    out.push({ start, end: i });
  }
  return out;
}

const range = (start: number, end: number) => Array.from({ length: end - start }, (_, k) => start + k);

function wordsIn(w: World, from: number, to: number): number {
  return w.words.filter((x) => x.start >= from && x.end <= to).length;
}

function sameTurn(w: World, p: number, q: number): boolean {
  if (w.turns.length === 0) return true;
  return w.turns.some((t) => t.start <= p && p < t.end && t.start <= q && q < t.end);
}
