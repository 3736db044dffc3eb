import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveCase, resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  /** The case, or null to unlink. */
  case: z.string().nullable(),
});

/** Says whose interview a source is (or that it is nobody's). */
export async function linkSourceToCase(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'source.link-case', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const caseId = args.case === null ? null : (await resolveCase(w.trx, project.id, args.case)).id;
    await w.update('sources', source.id, { case_id: caseId });
    return { result: { source: source.id, case: caseId }, objectIds: caseId ? [source.id, caseId] : [source.id] };
  });
}
