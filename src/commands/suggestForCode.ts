import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { rankSuggestions, SuggestInput } from './helpers/suggestionRanking.js';
import { parseInput } from './helpers/validate.js';

export const Input = SuggestInput;

/** "Find more like this" for a code: uncoded passages ranked by resemblance, each with its words (helpers/suggestionRanking.ts). Reads only. */
export async function suggestForCode(ctx: CommandContext, input: z.input<typeof Input>) {
  return rankSuggestions(ctx, parseInput(Input, input));
}
