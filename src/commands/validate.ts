import { z } from 'zod';
import { invalid } from '../core/errors.js';

/** Parses command input with a zod schema; the first problem becomes one clear error. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalid('input.invalid', { field: issue?.path.join('.') || '-', problem: issue?.message ?? '' });
}

export const name = z.string().trim().min(1).max(200);
export const language = z.enum(['sv', 'en']);
