import { invalid } from '../errors.js';

/**
 * The codebook is one tree: themes, categories and codes are nodes at different depths.
 * `parentId` null is the root level; `position` orders siblings.
 */
export interface CodeNode {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
}

/** `id` and every node below it. */
export function subtreeIds(nodes: CodeNode[], id: string): string[] {
  const children = childrenIndex(nodes);
  const out: string[] = [];
  const stack = [id];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    out.push(next);
    for (const child of children.get(next) ?? []) stack.push(child.id);
  }
  return out;
}

export function childrenIndex(nodes: CodeNode[]): Map<string | null, CodeNode[]> {
  const index = new Map<string | null, CodeNode[]>();
  for (const node of nodes) {
    const list = index.get(node.parentId) ?? [];
    list.push(node);
    index.set(node.parentId, list);
  }
  for (const list of index.values()) list.sort((a, b) => a.position - b.position);
  return index;
}

/** Refuses a move that would put a node under itself. */
export function assertMovable(nodes: CodeNode[], id: string, newParentId: string | null): void {
  if (newParentId !== null && subtreeIds(nodes, id).includes(newParentId)) {
    const name = nodes.find((n) => n.id === id)?.name ?? id;
    throw invalid('code.move-into-itself', { code: name });
  }
}

/** Names from the root down to `id`, e.g. `["Hinder", "media"]`. */
export function pathOf(nodes: CodeNode[], id: string): string[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const path: string[] = [];
  for (let node = byId.get(id); node; node = node.parentId ? byId.get(node.parentId) : undefined) {
    path.unshift(node.name);
    if (path.length > nodes.length) break;
  }
  return path;
}

/** Sibling names compare without case, so "Media" and "media" cannot both sit under Hinder. */
export function sameName(a: string, b: string): boolean {
  return a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
}
