import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { guideVersionOf, loadGuide, placeQuestions } from './helpers/guide.js';
import { visibleLayer } from './helpers/layers.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), source: z.string() });

/**
 * The guide panel of one interview: the questions of the guide version it used (logged, else by
 * its date), each with the turn where it was asked: confirmed by a person, or found in the
 * interviewer's turns by word overlap with a score (core/guide/locate.ts).
 */
export async function locateGuideQuestions(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const source = await resolveSource(db, project.id, args.source);
  const guide = await loadGuide(db, project.id);
  const interview = await db
    .selectFrom('interviews')
    .select(['guide_version_id', 'held_on'])
    .where('source_id', '=', source.id)
    .executeTakeFirst();
  const used = guideVersionOf(guide, { guideVersionId: interview?.guide_version_id ?? null, heldOn: interview?.held_on ?? null });
  if (!used) return { source: { id: source.id, name: source.name }, version: null, questions: [] };
  const language = project.language === 'en' ? 'en' : 'sv';
  const places = await placeQuestions(db, source.id, used.version.questions, language);
  // While blind, a coder sees no other coder's name (helpers/layers.ts).
  const layer = await visibleLayer(db, project, ctx);
  const shown = places.map((p) => (layer !== null && p.confirmedBy !== layer ? { ...p, confirmedBy: null } : p));
  return {
    source: { id: source.id, name: source.name },
    version: { id: used.version.id, name: used.version.name, logged: used.logged },
    questions: used.version.questions.map((q, i) => ({ ...q, ...(shown[i] as (typeof shown)[number]) })),
  };
}
