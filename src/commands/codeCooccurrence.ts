import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { CooccurrenceInput, computeCooccurrence } from './helpers/cooccurrence.js';
import { parseInput } from './helpers/validate.js';

export const Input = CooccurrenceInput;

/** Which codes occur together, as a code × code matrix (helpers/cooccurrence.ts). */
export async function codeCooccurrence(ctx: CommandContext, input: z.input<typeof Input>) {
  return computeCooccurrence(ctx, parseInput(Input, input));
}
