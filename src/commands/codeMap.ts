import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { CodeMapInput, drawCodeMap } from './helpers/pictures/codeMap.js';

export const Input = CodeMapInput;

/**
 * The code map (core/pictures/codeMap.ts): every code with segments of its own, sized by them,
 * and a line for each pair of codes the co-occurrence command counts together (the same
 * numbers as its matrix), coloured by category: a code takes its parent's colour, a code at the
 * top of the codebook its own. Returns the placed codes and pairs (the table) and the picture.
 */
export async function codeMap(ctx: CommandContext, input: z.input<typeof Input>) {
  return drawCodeMap(ctx, input);
}

export type CodeMap = Awaited<ReturnType<typeof codeMap>>;
