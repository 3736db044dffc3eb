import { z } from 'zod';
import { writeAttributeValues } from './helpers/attributes.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveCase, resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  case: z.string(),
  /** Attribute name → value; an empty value clears it. */
  attributes: z.record(z.string().trim().min(1), z.string()),
});

/** Sets (or clears) attribute values of one case, each checked against its attribute's type. */
export async function setCaseAttributes(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'case.set-attributes', projectId: project.id }, async (w) => {
    const c = await resolveCase(w.trx, project.id, args.case);
    await writeAttributeValues(w, project.id, c.id, args.attributes);
    return { result: { id: c.id }, objectIds: [c.id], details: { attributes: Object.keys(args.attributes).length } };
  });
}
