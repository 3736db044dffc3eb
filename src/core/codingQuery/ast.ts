/**
 * A coding query parsed (parse.ts): a tree of operators over codes and smart codes. `ref` is the
 * code or smart code as written (a name, a path Category/code, or an id); the command resolves it.
 */
export type QueryNode =
  | { kind: 'code'; ref: string }
  | { kind: 'smart'; ref: string }
  | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { kind: 'not'; operand: QueryNode }
  | { kind: 'overlaps' | 'within' | 'encloses'; left: QueryNode; right: QueryNode }
  | { kind: 'followed'; left: QueryNode; right: QueryNode; words: number | null }
  | { kind: 'near'; left: QueryNode; right: QueryNode; words: number };

/** How tightly each operator binds: OR loosest, then AND, NOT, the relations; names tightest. */
const BINDING: Record<QueryNode['kind'], number> = {
  or: 1,
  and: 2,
  not: 3,
  overlaps: 4,
  within: 4,
  encloses: 4,
  followed: 4,
  near: 4,
  code: 5,
  smart: 5,
};

/** A name in double quotes, its quotes and backslashes escaped. */
export const quoted = (name: string) => `"${name.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * The query written out in its normal form: English keywords in capitals, every name quoted,
 * parentheses only where needed. `name` renders a reference (e.g. an id as the code's current name).
 */
export function printQuery(
  node: QueryNode,
  name: (node: { kind: 'code' | 'smart'; ref: string }) => string = (n) => n.ref,
): string {
  const sub = (child: QueryNode, least: number) => {
    const text = printQuery(child, name);
    return BINDING[child.kind] < least ? `(${text})` : text;
  };
  switch (node.kind) {
    case 'code':
      return quoted(name(node));
    case 'smart':
      return `smart:${quoted(name(node))}`;
    case 'not':
      return `NOT ${sub(node.operand, BINDING.not)}`;
    case 'followed': {
      const tail = node.words === null ? 'IN SAME TURN' : `WITHIN ${node.words} WORDS`;
      return `${sub(node.left, 4)} FOLLOWED BY ${sub(node.right, 5)} ${tail}`;
    }
    case 'near':
      return `${sub(node.left, 4)} NEAR ${node.words} ${sub(node.right, 5)}`;
    default: {
      const own = BINDING[node.kind];
      // Left-associative: a right operand of the same binding keeps its parentheses.
      return `${sub(node.left, own)} ${node.kind.toUpperCase()} ${sub(node.right, node.kind === 'and' || node.kind === 'or' ? own + 1 : 5)}`;
    }
  }
}

/** Every code and smart code reference in the tree, in reading order. */
export function references(node: QueryNode): { kind: 'code' | 'smart'; ref: string }[] {
  if (node.kind === 'code' || node.kind === 'smart') return [node];
  if (node.kind === 'not') return references(node.operand);
  return [...references(node.left), ...references(node.right)];
}

/** The same tree with each reference replaced (e.g. names by ids before saving). */
export function mapReferences(node: QueryNode, to: (ref: { kind: 'code' | 'smart'; ref: string }) => string): QueryNode {
  if (node.kind === 'code' || node.kind === 'smart') return { kind: node.kind, ref: to(node) };
  if (node.kind === 'not') return { kind: 'not', operand: mapReferences(node.operand, to) };
  return { ...node, left: mapReferences(node.left, to), right: mapReferences(node.right, to) };
}
