import { z } from 'zod';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { LINK_KINDS, linkTargetId, resolveConcept } from './helpers/theory.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** The concept by name or id. */
  concept: z.string(),
  target: z.enum(LINK_KINDS),
  /** The code by name, path or id; the segment or memo by id. */
  on: z.string().trim().min(1),
});

/** Links a theory concept to a code, a segment or a memo. Linking what is linked already changes nothing. */
export async function linkConcept(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'theory.link', projectId: project.id }, async (w) => {
    const concept = await resolveConcept(w.trx, project.id, args.concept);
    const targetId = await linkTargetId(w.trx, project.id, args.target, args.on);
    const existing = await w.trx
      .selectFrom('theory_links')
      .select('id')
      .where('concept_id', '=', concept.id)
      .where('target_kind', '=', args.target)
      .where('target_id', '=', targetId)
      .executeTakeFirst();
    const id = existing?.id ?? newId();
    if (!existing) {
      await w.insert('theory_links', {
        id,
        concept_id: concept.id,
        target_kind: args.target,
        target_id: targetId,
        created_at: nowIso(),
      });
    }
    const result = { id, conceptId: concept.id, concept: concept.name, target: args.target, targetId, added: !existing };
    return { result, objectIds: [concept.id, targetId], details: { target: args.target, added: !existing } };
  });
}
