import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { ComparisonInput, drawComparison } from './helpers/pictures/comparison.js';

export const Input = ComparisonInput;

/**
 * The case × theme comparison (core/pictures/comparison.ts): the themes' (or categories')
 * coded characters per case, from the matrix command, and each one's share of the case's coding.
 * Every case is a column, coded or not; a last column holds segments of no case when there are any.
 */
export async function caseComparison(ctx: CommandContext, input: z.input<typeof Input>) {
  return drawComparison(ctx, input);
}

export type CaseComparison = Awaited<ReturnType<typeof caseComparison>>;
