import { z } from 'zod';
import { notFound } from '../core/errors.js';
import { SUGGEST_UNIT_KINDS } from '../core/suggest/units.js';
import type { CommandContext } from './helpers/context.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { DecisionInput, recordDecision } from './helpers/suggestionDecision.js';
import { rankSuggestions, SuggestInput } from './helpers/suggestionRanking.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  code: z.string(),
  source: z.string(),
  /** The passage, `[start, end)` in code points, as the suggestion list gave it. */
  start: z.number().int(),
  end: z.number().int(),
  decision: z.enum(['accept', 'reject']),
  unit: z.enum(SUGGEST_UNIT_KINDS as [string, ...string[]]).default('sentence'),
});

/** The most suggestions looked through for the passage. */
const LOOKED_THROUGH = 200;

/**
 * Decides a passage named by its place (the CLI's `koda suggest accept albin:120-171`): the
 * suggestions are ranked again, so the decision records the provenance the machine gives the
 * passage now (method, parameters, words, score). Only a passage on offer can be decided.
 */
export async function decideOfferedSuggestion(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const source = await resolveSource(ctx.store.db, project.id, args.source);
  const offered = await rankSuggestions(
    ctx,
    parseInput(SuggestInput, { project: project.id, code: args.code, unit: args.unit, limit: LOOKED_THROUGH }),
  );
  const s = offered.suggestions.find((x) => x.sourceId === source.id && x.start === args.start && x.end === args.end);
  if (!s) throw notFound('suggestion.not-offered', { source: source.name, start: args.start, end: args.end, code: args.code });
  return recordDecision(
    ctx,
    parseInput(DecisionInput, {
      project: project.id,
      code: offered.code.id,
      source: source.id,
      start: s.start,
      end: s.end,
      decision: args.decision,
      method: offered.method,
      parameters: offered.parameters,
      words: s.words,
      score: s.score,
    }),
  );
}
