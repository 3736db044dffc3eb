import type { QueryNode } from '../../../src/core/codingQuery/ast.js';
import { parseQuery } from '../../../src/core/codingQuery/parse.js';

/** The translation function, as much of it as a reading needs (i18next's `t`). */
type Translate = (key: string, params: Record<string, string | number>) => string;

const compound = (node: QueryNode) => node.kind !== 'code' && node.kind !== 'smart';

/**
 * A query in plain words ("passages coded “hinder” that lie inside passages coded “media”"),
 * read by the query language itself (core/codingQuery/parse.ts), so it says what the server will
 * do. A part made of several is put in brackets, so the grouping is never in doubt.
 */
export function readAloud(node: QueryNode, t: Translate): string {
  const part = (child: QueryNode) => {
    const text = readAloud(child, t);
    return compound(child) ? `(${text})` : text;
  };
  const key = (k: string) => `codingQuery.reading.${k}`;
  switch (node.kind) {
    case 'code':
      return t(key('code'), { name: node.ref });
    case 'smart':
      return t(key('smart'), { name: node.ref });
    case 'not':
      return t(key('not'), { operand: part(node.operand) });
    case 'followed':
      return node.words === null
        ? t(key('followedTurn'), { left: part(node.left), right: part(node.right) })
        : t(key('followedWords'), { left: part(node.left), right: part(node.right), n: node.words });
    case 'near':
      return t(key('near'), { left: part(node.left), right: part(node.right), n: node.words });
    default:
      return t(key(node.kind), { left: part(node.left), right: part(node.right) });
  }
}

/** The plain-words reading of a query's text; null while it does not read (the server says why on running). */
export function readingOf(text: string, t: Translate): string | null {
  if (!text.trim()) return null;
  try {
    return readAloud(parseQuery(text), t);
  } catch {
    return null;
  }
}
