import { z } from 'zod';
import { conflict } from '../core/errors.js';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { addCreatorAsOwner } from './helpers/members.js';
import { language, name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  name,
  language: language.default('sv'),
  description: z.string().max(10_000).default(''),
});

/** Creates an empty project, owned by whoever creates it. Not undoable: its history lives inside it. */
export async function createProject(ctx: CommandContext, input: z.input<typeof Input>) {
  const { name, language, description } = parseInput(Input, input);
  const id = newId();
  return runCommand(ctx, { action: 'project.create', projectId: null }, async (w) => {
    const taken = await w.trx.selectFrom('projects').select('id').where('name', '=', name).executeTakeFirst();
    if (taken) throw conflict('project.exists', { project: name });
    await w.insert('projects', { id, name, language, description, created_at: nowIso() });
    await addCreatorAsOwner(w, id, ctx.account);
    return { result: { id, name, language }, objectIds: [id], projectId: id };
  });
}
