import { z } from 'zod';
import { invalid, type KodaError } from '../../core/errors.js';
import { NAME_MAX, unsafeNameCharacter } from '../../core/names.js';

/** Parses command input with a zod schema; the first problem becomes one clear error. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw issueError(issue?.path.join('.') || '-', { code: issue?.code, message: issue?.message, params: issueParams(issue) });
}

/** What a schema problem says, as the zod result and the HTTP validator both report it. */
export interface SchemaIssue {
  code?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * One schema problem as one error: a check below that names its own error (`koda`) gets that
 * error and message, any other problem the generic `input.invalid`.
 */
export function issueError(field: string, issue: SchemaIssue): KodaError {
  const { koda, ...params } = issue.params ?? {};
  if (issue.code === 'custom' && typeof koda === 'string') return invalid(koda, { field, ...(params as Record<string, string>) });
  return invalid('input.invalid', { field, problem: issue.message ?? '' });
}

const issueParams = (issue: z.core.$ZodIssue | undefined) =>
  issue?.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;

/** Refuses a name holding a character core/names.ts rules out, with that error. */
export function refuseUnsafeCharacters(value: string, ctx: z.RefinementCtx): void {
  const character = unsafeNameCharacter(value);
  if (character)
    ctx.addIssue({ code: 'custom', message: `unsafe character ${character}`, params: { koda: 'name.unsafe', character } });
}

/** A name (project, code, case, source, attribute, choice): see core/names.ts. */
export const name = z.string().trim().min(1).max(NAME_MAX).superRefine(refuseUnsafeCharacters);
export const language = z.enum(['sv', 'en']);
