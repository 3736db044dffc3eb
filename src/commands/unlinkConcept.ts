import { z } from 'zod';
import { notFound } from '../core/errors.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { LINK_KINDS, linkTargetId, resolveConcept } from './helpers/theory.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  concept: z.string(),
  target: z.enum(LINK_KINDS),
  /** The code by name, path or id; the segment or memo by id. */
  on: z.string().trim().min(1),
});

/** Takes away a concept's link to a code, a segment or a memo (which stays). */
export async function unlinkConcept(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'theory.unlink', projectId: project.id }, async (w) => {
    const concept = await resolveConcept(w.trx, project.id, args.concept);
    const targetId = await linkTargetId(w.trx, project.id, args.target, args.on);
    const link = await w.trx
      .selectFrom('theory_links')
      .select(['id', 'target_id'])
      .where('concept_id', '=', concept.id)
      .where('target_kind', '=', args.target)
      .where('target_id', '=', targetId)
      .executeTakeFirst();
    if (!link) throw notFound('concept.link-not-found', { concept: concept.name, target: args.on });
    await w.delete('theory_links', [link.id]);
    return {
      result: { conceptId: concept.id, concept: concept.name, target: args.target, targetId: link.target_id },
      objectIds: [concept.id, link.target_id],
    };
  });
}
