import { z } from 'zod';
import { writeAttributeValues } from './helpers/attributes.js';
import { insertCase } from './helpers/cases.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { name, parseInput } from './helpers/validate.js';

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
    const id = await insertCase(w, project.id, args.name, args.description);
    await writeAttributeValues(w, project.id, id, args.attributes);
    return { result: { id, name: args.name }, objectIds: [id] };
  });
}
