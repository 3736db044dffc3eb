import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { removeSources } from './helpers/erase.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  /** Report what would be deleted, deleting nothing. */
  dryRun: z.boolean().default(false),
});

/** Deletes a source and everything that hangs on it: turns, segments and their memos. */
export async function deleteSource(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'source.delete', projectId: project.id, dryRun: args.dryRun }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const removed = await removeSources(w, [source.id]);
    return { result: { id: source.id, name: source.name, ...removed }, objectIds: [source.id], details: removed };
  });
}
