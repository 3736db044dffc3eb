import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { DecisionInput, recordDecision } from './helpers/suggestionDecision.js';
import { parseInput } from './helpers/validate.js';

export const Input = DecisionInput;

/** Accepts or rejects one suggestion, keeping its provenance (helpers/suggestionDecision.ts). Undoable. */
export async function decideSuggestion(ctx: CommandContext, input: z.input<typeof Input>) {
  return recordDecision(ctx, parseInput(Input, input));
}
