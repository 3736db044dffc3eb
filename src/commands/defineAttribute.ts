import { z } from 'zod';
import { parseAttributeType } from '../core/cases/attributeValue.js';
import { invalid } from '../core/errors.js';
import { insertAttribute } from './helpers/attributes.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  name,
  type: z.string().default('text'),
  choices: z.array(name).default([]),
});

/** Declares a typed case attribute (text, number, date, boolean, or one of a list). */
export async function defineAttribute(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const type = parseAttributeType(args.type);
  if (type === 'choice' && args.choices.length === 0) throw invalid('attribute.no-choices', { attribute: args.name });
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'attribute.define', projectId: project.id }, async (w) => {
    const id = await insertAttribute(w, project.id, args.name, type, type === 'choice' ? args.choices : []);
    return { result: { id, name: args.name, type, choices: args.choices }, objectIds: [id] };
  });
}
