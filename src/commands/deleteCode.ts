import { z } from 'zod';
import { subtreeIds } from '../core/codebook/tree.js';
import { conflict } from '../core/errors.js';
import { asNodes, renumber, siblingsOf } from './helpers/codebook.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { memosOn } from './helpers/erase.js';
import { findCode, loadCodes, resolveProject } from './helpers/resolve.js';
import { eraseDecisionsOfCodes } from './helpers/suggestions.js';
import { unlinkTheory } from './helpers/theory.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  code: z.string(),
  /** Delete the segments coded with it (or with any code below it) too. */
  withSegments: z.boolean().default(false),
  /** Report what would be deleted, deleting nothing. */
  dryRun: z.boolean().default(false),
});

/**
 * Deletes a code and its branch. Refused while any of them codes a segment, unless the caller
 * asks for those segments to go too.
 */
export async function deleteCode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'code.delete', projectId: project.id, dryRun: args.dryRun }, async (w) => {
    const codes = await loadCodes(w.trx, project.id);
    const code = findCode(codes, args.code);
    const branch = subtreeIds(asNodes(codes), code.id);
    const segmentIds = (await w.trx.selectFrom('segments').select('id').where('code_id', 'in', branch).execute()).map(
      (r) => r.id,
    );
    if (segmentIds.length > 0 && !args.withSegments) {
      throw conflict('code.in-use', { code: code.name, segments: segmentIds.length });
    }
    const memoIds = [...(await memosOn(w, 'segment', segmentIds)), ...(await memosOn(w, 'code', branch))];
    // No theory link may name what is gone.
    await unlinkTheory(w, 'memo', memoIds);
    await unlinkTheory(w, 'segment', segmentIds);
    await unlinkTheory(w, 'code', branch);
    await w.delete('memos', memoIds);
    await w.delete('segments', segmentIds);
    await eraseDecisionsOfCodes(w, branch);
    // Children before parents, so no row ever points at a deleted parent.
    await w.delete('codes', [...branch].reverse());
    await renumber(w, siblingsOf(codes, code.parent_id, code.id));
    const details = { codes: branch.length, segments: segmentIds.length };
    return { result: { id: code.id, name: code.name, ...details }, objectIds: branch, details };
  });
}
