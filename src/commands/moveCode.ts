import { z } from 'zod';
import { assertMovable } from '../core/codebook/tree.js';
import { asNodes, assertFreeName, renumber, siblingsOf } from './helpers/codebook.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { findCode, loadCodes, resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  code: z.string(),
  /** New parent; null for the top level; absent to stay under the same parent (reorder). */
  parent: z.string().nullable().optional(),
  /** 0-based place among the new siblings; the end when absent. */
  position: z.number().int().min(0).optional(),
});

/** Re-parents and/or reorders a code; its whole branch moves with it. */
export async function moveCode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'code.move', projectId: project.id }, async (w) => {
    const codes = await loadCodes(w.trx, project.id);
    const code = findCode(codes, args.code);
    const parentId = args.parent === undefined ? code.parent_id : args.parent === null ? null : findCode(codes, args.parent).id;
    assertMovable(asNodes(codes), code.id, parentId);
    if (parentId !== code.parent_id) assertFreeName(codes, parentId, code.name);
    const siblings = siblingsOf(codes, parentId, code.id);
    const at = Math.min(args.position ?? siblings.length, siblings.length);
    siblings.splice(at, 0, { ...code, parent_id: parentId });
    if (parentId !== code.parent_id) {
      await w.update('codes', code.id, { parent_id: parentId });
      await renumber(w, siblingsOf(codes, code.parent_id, code.id));
    }
    await renumber(w, siblings);
    return { result: { id: code.id, parentId, position: at }, objectIds: [code.id] };
  });
}
