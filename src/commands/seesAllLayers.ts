import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { visibleLayer } from './helpers/layers.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/**
 * Whether the acting person may see every coding layer of the project now (not blind, or they
 * own it): the live-update stream tells others' segment ids only to them.
 */
export async function seesAllLayers(ctx: CommandContext, input: z.input<typeof Input>): Promise<boolean> {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return (await visibleLayer(ctx.store.db, project, ctx)) === null;
}
