import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { findSet, SET_KINDS } from './helpers/sets.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** The set, by name or id. */
  set: z.string(),
  /** Needed only when a source set and a case set share the name. */
  kind: z.enum(SET_KINDS).optional(),
});

/** Deletes a set; its sources and cases stay as they are. */
export async function deleteSet(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'set.delete', projectId: project.id }, async (w) => {
    const set = await findSet(w.trx, project.id, args.set, args.kind);
    const members = await w.trx.selectFrom('set_members').select('id').where('set_id', '=', set.id).execute();
    await w.delete(
      'set_members',
      members.map((m) => m.id),
    );
    await w.delete('sets', [set.id]);
    return { result: { id: set.id, name: set.name, kind: set.kind }, objectIds: [set.id], details: { members: members.length } };
  });
}
