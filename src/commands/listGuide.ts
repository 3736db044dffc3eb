import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { loadGuide } from './helpers/guide.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/** The interview guide: its versions, oldest first, each with the day it took effect and its questions in order. */
export async function listGuide(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return { versions: await loadGuide(ctx.store.db, project.id) };
}
