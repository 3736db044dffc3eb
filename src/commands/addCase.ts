import { z } from 'zod';
import { conflict } from '../core/errors.js';
import type { ChangeRecorder } from '../store/changes.js';
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
    const id = await insertCase(w, project.id, args.name, args.description);
    await writeAttributeValues(w, project.id, id, args.attributes);
    return { result: { id, name: args.name }, objectIds: [id] };
  });
}

/** Writes a new case (names are unique in a project: a taken one is refused) and returns its id. */
export async function insertCase(w: ChangeRecorder, projectId: string, name: string, description = ''): Promise<string> {
  const taken = await w.trx
    .selectFrom('cases')
    .select('id')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (taken) throw conflict('case.exists', { case: name });
  const id = newId();
  await w.insert('cases', { id, project_id: projectId, name, description, created_at: nowIso() });
  return id;
}
