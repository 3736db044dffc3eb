import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { computeFrequencies, FrequenciesInput } from './helpers/frequencies.js';
import { parseInput } from './helpers/validate.js';

export const Input = FrequenciesInput;

/** How often each node of the codebook is used, in tree order (helpers/frequencies.ts). */
export async function codeFrequencies(ctx: CommandContext, input: z.input<typeof Input>) {
  return computeFrequencies(ctx, parseInput(Input, input));
}
