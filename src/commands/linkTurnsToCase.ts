import { z } from 'zod';
import { invalid } from '../core/errors.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveCase, resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z
  .object({
    project: z.string(),
    source: z.string(),
    /** Every turn of this speaker label … */
    speaker: z.string().trim().min(1).optional(),
    /** … or these turns, by position (0-based). */
    turns: z.array(z.number().int().min(0)).optional(),
    /** The case that speaks them, or null to unlink. */
    case: z.string().nullable(),
  })
  .refine((v) => (v.speaker === undefined) !== (v.turns === undefined), { message: 'give speaker or turns' });

/**
 * In a group interview, attributes turns to the participant who speaks them, so their quotes
 * are credited to the right case.
 */
export async function linkTurnsToCase(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'turn.link-case', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const caseId = args.case === null ? null : (await resolveCase(w.trx, project.id, args.case)).id;
    let query = w.trx.selectFrom('turns').select(['id', 'position']).where('source_id', '=', source.id);
    query =
      args.speaker !== undefined ? query.where('speaker', '=', args.speaker) : query.where('position', 'in', args.turns ?? []);
    const turns = await query.execute();
    if (turns.length === 0)
      throw invalid('turn.none-matched', { source: source.name, speaker: args.speaker ?? (args.turns ?? []).join(',') });
    for (const t of turns) await w.update('turns', t.id, { case_id: caseId });
    return {
      result: { source: source.id, case: caseId, turns: turns.map((t) => t.position) },
      objectIds: [source.id, ...(caseId ? [caseId] : []), ...turns.map((t) => t.id)],
      details: { turns: turns.length },
    };
  });
}
