import { z } from 'zod';
import { conflict } from '../core/errors.js';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './context.js';
import { resolveProject } from './resolve.js';
import { writeAttributeValues } from './setCaseAttributes.js';
import { name, parseInput } from './validate.js';

export const Input = z.object({
  project: z.string(),
  name,
  description: z.string().max(10_000).default(''),
  attributes: z.record(z.string().trim().min(1), z.string()).default({}),
});

/** Adds a case (a participant or another unit of analysis) with its attribute values. */
export async function addCase(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'case.add', projectId: project.id }, async (w) => {
    const taken = await w.trx
      .selectFrom('cases')
      .select('id')
      .where('project_id', '=', project.id)
      .where('name', '=', args.name)
      .executeTakeFirst();
    if (taken) throw conflict('case.exists', { case: args.name });
    const id = newId();
    await w.insert('cases', { id, project_id: project.id, name: args.name, description: args.description, created_at: nowIso() });
    await writeAttributeValues(w, project.id, id, args.attributes);
    return { result: { id, name: args.name }, objectIds: [id] };
  });
}
