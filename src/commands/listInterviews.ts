import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { interviewLog } from './helpers/interviewLog.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/**
 * The interview log: every interview (source) with its date, place, length (the recording's when
 * there is one), interviewers, guide version, consent (from the consent register), transcriber
 * and whether the transcript is verified.
 */
export async function listInterviews(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return { interviews: await interviewLog(ctx.store.db, project.id) };
}
