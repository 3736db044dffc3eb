import { z } from 'zod';
import { notFound } from '../core/errors.js';
import { nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { loadTranscriptionPlan } from './helpers/transcriptionPlan.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** The interview, by source name or id. */
  source: z.string(),
  /** Whose part of it. */
  transcriber: z.string(),
  /** false takes the mark back. */
  done: z.boolean().default(true),
});

/** Marks one transcriber's part of an interview in the plan transcribed (or not), for the plan's progress. */
export async function markTranscriptionDone(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'transcription.mark-done', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const part = await w.trx
      .selectFrom('transcription_parts as p')
      .innerJoin('transcription_transcribers as t', 't.id', 'p.transcriber_id')
      .innerJoin('transcription_plans as plan', 'plan.id', 'p.plan_id')
      .select(['p.id', 'p.done_at'])
      .where('plan.project_id', '=', project.id)
      .where('p.source_id', '=', source.id)
      .where('t.name', '=', args.transcriber.trim())
      .executeTakeFirst();
    if (!part) throw notFound('plan.no-part', { source: source.name, transcriber: args.transcriber });
    if ((part.done_at !== null) !== args.done)
      await w.update('transcription_parts', part.id, { done_at: args.done ? nowIso() : null });
    return { result: await loadTranscriptionPlan(w.trx, project.id), objectIds: [part.id], details: { done: args.done } };
  });
}
