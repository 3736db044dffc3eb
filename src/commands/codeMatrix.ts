import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { computeMatrix, MatrixInput } from './helpers/matrix.js';
import { parseInput } from './helpers/validate.js';

export const Input = MatrixInput;

/** A code × case or code × attribute-value matrix (helpers/matrix.ts). */
export async function codeMatrix(ctx: CommandContext, input: z.input<typeof Input>) {
  return computeMatrix(ctx, parseInput(Input, input));
}
