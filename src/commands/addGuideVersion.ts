import { z } from 'zod';
import { conflict, invalid } from '../core/errors.js';
import { questionList } from '../core/guide/questionList.js';
import { parseDay } from '../core/interviews/log.js';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { name, parseInput } from './helpers/validate.js';

/** A question as it is compared and stored: whitespace collapsed. */
const question = z
  .string()
  .transform((q) => q.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1).max(2_000));

export const Input = z.object({
  project: z.string(),
  /** "1", "v2", "2021-03 (mediefrågan)": unique in the project. */
  version: name,
  /** `YYYY-MM-DD`: the day the version took effect. */
  from: z.string(),
  questions: z.array(question).max(500).default([]),
  /** Or the questions as a list, one a line (core/guide/questionList.ts): a file's text. */
  questionList: z.string().max(1_000_000).optional(),
});

/**
 * Adds a version of the interview guide: its questions in order, from the day it took effect.
 * A question worded as in an earlier version is that version's question, so the guide counts
 * it once across versions (the media question added half-way is one new question).
 */
export async function addGuideVersion(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const from = parseDay(args.from);
  const questions = [...args.questions, ...parseInput(z.array(question).max(500), questionList(args.questionList ?? ''))];
  if (questions.length === 0) throw invalid('guide.no-questions');
  const twice = questions.find((q, i) => questions.indexOf(q) !== i);
  if (twice !== undefined) throw invalid('guide.question-twice', { question: twice.slice(0, 80) });
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'guide.add-version', projectId: project.id }, async (w) => {
    const taken = await w.trx
      .selectFrom('guide_versions')
      .select('id')
      .where('project_id', '=', project.id)
      .where('name', '=', args.version)
      .executeTakeFirst();
    if (taken) throw conflict('guide.version-exists', { version: args.version });
    const at = nowIso();
    const versionId = newId();
    await w.insert('guide_versions', {
      id: versionId,
      project_id: project.id,
      name: args.version,
      effective_from: from,
      created_at: at,
    });
    const known = await w.trx.selectFrom('guide_questions').select(['id', 'text']).where('project_id', '=', project.id).execute();
    const idOf = new Map(known.map((q) => [q.text, q.id]));
    const fresh = questions
      .filter((q) => !idOf.has(q))
      .map((text) => ({ id: newId(), project_id: project.id, text, created_at: at }));
    await w.insert('guide_questions', fresh);
    for (const q of fresh) idOf.set(q.text, q.id);
    await w.insert(
      'guide_entries',
      questions.map((q, i) => ({ id: newId(), version_id: versionId, question_id: idOf.get(q) as string, position: i + 1 })),
    );
    return {
      result: { id: versionId, version: args.version, from, questions: questions.length, newQuestions: fresh.length },
      objectIds: [versionId],
      details: { questions: questions.length, newQuestions: fresh.length },
    };
  });
}
