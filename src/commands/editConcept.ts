import { z } from 'zod';
import { nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { assertFreeConceptName, resolveConcept } from './helpers/theory.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** The concept by name or id. */
  concept: z.string(),
  name: name.optional(),
  definition: z.string().max(20_000).optional(),
  reference: z.string().max(2_000).optional(),
});

/** Renames a theory concept or rewrites its definition or reference; what is not given stays. */
export async function editConcept(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'theory.edit', projectId: project.id }, async (w) => {
    const concept = await resolveConcept(w.trx, project.id, args.concept);
    if (args.name !== undefined) await assertFreeConceptName(w.trx, project.id, args.name, concept.id);
    const patch = {
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.definition !== undefined ? { definition: args.definition } : {}),
      ...(args.reference !== undefined ? { reference: args.reference } : {}),
    };
    const fields = Object.keys(patch).join(',');
    if (fields) await w.update('theory_concepts', concept.id, { ...patch, updated_at: nowIso() });
    return {
      result: { id: concept.id, name: patch.name ?? concept.name },
      objectIds: [concept.id],
      details: { fields },
    };
  });
}
