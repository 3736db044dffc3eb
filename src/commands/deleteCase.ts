import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { eraseCaseRecord, removeSources, sourcesOf } from './helpers/erase.js';
import { resolveCase, resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  case: z.string(),
  /** Also delete the case's sources (with their segments); otherwise they are kept, unlinked. */
  withSources: z.boolean().default(false),
  /** Report what would be deleted, deleting nothing. */
  dryRun: z.boolean().default(false),
});

/**
 * Deletes a case, its attribute values and memos. Its sources are unlinked, or deleted with
 * everything on them when `withSources` is set; turns it spoke in other sources are unlinked.
 */
export async function deleteCase(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'case.delete', projectId: project.id, dryRun: args.dryRun }, async (w) => {
    const c = await resolveCase(w.trx, project.id, args.case);
    const sourceIds = await sourcesOf(w, c.id);
    const removed = args.withSources ? await removeSources(w, sourceIds) : { segments: 0, turns: 0, memos: 0 };
    if (!args.withSources) for (const id of sourceIds) await w.update('sources', id, { case_id: null });
    const turns = await w.trx.selectFrom('turns').select('id').where('case_id', '=', c.id).execute();
    for (const t of turns) await w.update('turns', t.id, { case_id: null });
    const erased = await eraseCaseRecord(w, c.id);
    const details = {
      sources: sourceIds.length,
      sourcesDeleted: args.withSources,
      ...removed,
      memos: removed.memos + erased.memos,
    };
    return { result: { id: c.id, name: c.name, ...details }, objectIds: [c.id, ...sourceIds], details };
  });
}
