import { z } from 'zod';
import { type AttributeType, parseAttributeType } from '../core/cases/attributeValue.js';
import { conflict, invalid } from '../core/errors.js';
import type { ChangeRecorder } from '../store/changes.js';
import { newId } from '../store/ids.js';
import { type CommandContext, runCommand } from './context.js';
import { resolveProject } from './resolve.js';
import { name, parseInput } from './validate.js';

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

export async function insertAttribute(
  w: ChangeRecorder,
  projectId: string,
  attributeName: string,
  type: AttributeType,
  choices: string[],
): Promise<string> {
  const existing = await w.trx.selectFrom('attributes').select(['id', 'position']).where('project_id', '=', projectId).execute();
  const taken = await w.trx
    .selectFrom('attributes')
    .select('id')
    .where('project_id', '=', projectId)
    .where('name', '=', attributeName)
    .executeTakeFirst();
  if (taken) throw conflict('attribute.exists', { attribute: attributeName });
  const id = newId();
  const position = existing.reduce((max, a) => Math.max(max, a.position + 1), 0);
  await w.insert('attributes', {
    id,
    project_id: projectId,
    name: attributeName,
    type,
    choices: JSON.stringify(choices),
    position,
  });
  return id;
}
