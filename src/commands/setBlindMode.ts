import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { assertOwner, isBlind } from './helpers/layers.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), blind: z.boolean() });

/**
 * Switches blind mode (owner only): while on, each coder other than the owner sees only their
 * own segments. The owner is the project's creator unless set; switching records them as owner.
 */
export async function setBlindMode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'project.blind', projectId: project.id }, async (w) => {
    const owner = await assertOwner(w.trx, project, ctx);
    const patch = { blind: args.blind ? 1 : 0, ...(project.owner ? {} : { owner }) };
    if (isBlind(project) !== args.blind || !project.owner) await w.update('projects', project.id, patch);
    return {
      result: { project: project.name, blind: args.blind, owner },
      objectIds: [project.id],
      details: { blind: args.blind },
    };
  });
}
