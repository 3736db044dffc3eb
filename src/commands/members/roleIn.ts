import { z } from 'zod';
import type { Role } from '../actions.js';
import type { CommandContext } from '../helpers/context.js';
import { projectAccess } from '../helpers/members.js';
import { parseInput } from '../helpers/validate.js';

export const Input = z.object({ project: z.string() });

/**
 * The signed-in person's role in a project; a project they have no access to is refused as one
 * that does not exist (404 `project.not-found`). The CLI, the operator, owns everything.
 */
export async function roleIn(ctx: CommandContext, input: z.input<typeof Input>): Promise<Role> {
  const args = parseInput(Input, input);
  if (!ctx.account) return 'owner';
  return (await projectAccess(ctx.store.db, args.project, ctx.account)).role;
}
