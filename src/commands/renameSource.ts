import { z } from 'zod';
import { conflict } from '../core/errors.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  name,
});

/** Gives a source a new name; names are unique in a project, so a taken name is refused. */
export async function renameSource(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'source.rename', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const taken = await w.trx
      .selectFrom('sources')
      .select('id')
      .where('project_id', '=', project.id)
      .where('name', '=', args.name)
      .where('id', '!=', source.id)
      .executeTakeFirst();
    if (taken) throw conflict('source.exists', { source: args.name });
    if (source.name !== args.name) await w.update('sources', source.id, { name: args.name });
    return { result: { id: source.id, name: args.name, previous: source.name }, objectIds: [source.id] };
  });
}
