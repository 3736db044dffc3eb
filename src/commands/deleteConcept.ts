import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { resolveConcept } from './helpers/theory.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), concept: z.string() });

/** Deletes a theory concept and its links; the codes, segments and memos it was linked to stay. */
export async function deleteConcept(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'theory.delete', projectId: project.id }, async (w) => {
    const concept = await resolveConcept(w.trx, project.id, args.concept);
    const links = await w.trx.selectFrom('theory_links').select('id').where('concept_id', '=', concept.id).execute();
    // Links before the concept they point at, so undo puts the concept back first.
    await w.delete(
      'theory_links',
      links.map((l) => l.id),
    );
    await w.delete('theory_concepts', [concept.id]);
    return {
      result: { id: concept.id, name: concept.name, links: links.length },
      objectIds: [concept.id],
      details: { links: links.length },
    };
  });
}
