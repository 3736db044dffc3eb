import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { loadTranscriptionPlan } from './helpers/transcriptionPlan.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/** The project's transcription plan: who transcribes what, and each transcriber's minutes planned and done. */
export async function getTranscriptionPlan(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return loadTranscriptionPlan(ctx.store.db, project.id);
}
