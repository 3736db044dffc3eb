import { z } from 'zod';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { assertFreeConceptName } from './helpers/theory.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  name,
  /** What the concept means in this study. */
  definition: z.string().max(20_000).default(''),
  /** Where it comes from: "Lipsky 2010". */
  reference: z.string().max(2_000).default(''),
});

/** Adds a theory concept the analysis leans on ("handlingsutrymme — Lipsky 2010"). */
export async function addConcept(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'theory.add', projectId: project.id }, async (w) => {
    await assertFreeConceptName(w.trx, project.id, args.name);
    const id = newId();
    const at = nowIso();
    await w.insert('theory_concepts', {
      id,
      project_id: project.id,
      name: args.name,
      definition: args.definition,
      reference: args.reference,
      created_at: at,
      updated_at: at,
    });
    return { result: { id, name: args.name }, objectIds: [id] };
  });
}
