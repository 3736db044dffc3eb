import type { CodeNode } from '../../core/codebook/tree.js';
import { sameName } from '../../core/codebook/tree.js';
import { conflict } from '../../core/errors.js';
import type { ChangeRecorder } from '../../store/changes.js';
import type { CodeRow } from '../../store/schema.js';

/** Shared steps of the codebook commands: the tree view of rows, sibling names and order. */
export const asNodes = (codes: CodeRow[]): CodeNode[] =>
  codes.map((c) => ({ id: c.id, parentId: c.parent_id, position: c.position, name: c.name }));

export function siblingsOf(codes: CodeRow[], parentId: string | null, except?: string): CodeRow[] {
  return codes.filter((c) => c.parent_id === parentId && c.id !== except).sort((a, b) => a.position - b.position);
}

export function assertFreeName(codes: CodeRow[], parentId: string | null, name: string, except?: string): void {
  if (siblingsOf(codes, parentId, except).some((c) => sameName(c.name, name))) {
    throw conflict('code.exists', { code: name });
  }
}

/** Writes positions 0..n-1 for `ordered`, touching only rows whose position changes. */
export async function renumber(w: ChangeRecorder, ordered: CodeRow[]): Promise<void> {
  for (const [position, code] of ordered.entries()) {
    if (code.position !== position) await w.update('codes', code.id, { position });
  }
}
