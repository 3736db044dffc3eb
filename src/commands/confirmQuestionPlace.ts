import { z } from 'zod';
import { notFound } from '../core/errors.js';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  /** The guide question's id. */
  question: z.string(),
  /** The turn where it was asked; null takes a confirmation back (the question is located again). */
  turn: z.string().nullable(),
});

/** Confirms where a guide question was asked in an interview: the turn a person chose over the located one. */
export async function confirmQuestionPlace(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'guide.confirm-place', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const question = await w.trx
      .selectFrom('guide_questions')
      .select('id')
      .where('project_id', '=', project.id)
      .where('id', '=', args.question)
      .executeTakeFirst();
    if (!question) throw notFound('guide.question-not-found', { question: args.question });
    if (args.turn !== null) {
      const turn = await w.trx
        .selectFrom('turns')
        .select('id')
        .where('source_id', '=', source.id)
        .where('id', '=', args.turn)
        .executeTakeFirst();
      if (!turn) throw notFound('guide.turn-not-found', { turn: args.turn, source: source.name });
    }
    const existing = await w.trx
      .selectFrom('question_places')
      .select('id')
      .where('source_id', '=', source.id)
      .where('question_id', '=', question.id)
      .executeTakeFirst();
    if (existing) await w.delete('question_places', [existing.id]);
    if (args.turn !== null) {
      await w.insert('question_places', {
        id: newId(),
        source_id: source.id,
        question_id: question.id,
        turn_id: args.turn,
        confirmed_by: ctx.actor,
        confirmed_at: nowIso(),
      });
    }
    return {
      result: { source: source.name, question: question.id, turn: args.turn },
      objectIds: [source.id, question.id, ...(args.turn ? [args.turn] : [])],
    };
  });
}
