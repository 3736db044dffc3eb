import { z } from 'zod';
import type { Role } from '../actions.js';
import type { CommandContext } from '../helpers/context.js';
import { resolveProject } from '../helpers/resolve.js';
import { parseInput } from '../helpers/validate.js';

export const Input = z.object({ project: z.string() });

/** The people who may open a project, with their roles, by name. */
export async function listMembers(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const rows = await db
    .selectFrom('members as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['a.id', 'a.name', 'a.kind', 'a.disabled_at', 'm.role', 'm.created_at'])
    .where('m.project_id', '=', project.id)
    .orderBy('a.name')
    .execute();
  return {
    project: project.name,
    members: rows.map((r) => ({
      accountId: r.id,
      name: r.name,
      kind: r.kind,
      role: r.role as Role,
      disabled: r.disabled_at !== null,
      since: r.created_at,
    })),
  };
}
