import { z } from 'zod';
import { type CommandContext, runCommand } from '../helpers/context.js';
import { assertNotLastOwner, ROLES, resolveMember } from '../helpers/members.js';
import { resolveProject } from '../helpers/resolve.js';
import { parseInput } from '../helpers/validate.js';

export const Input = z.object({ project: z.string(), name: z.string().trim().min(1), role: z.enum(ROLES) });

/** Changes a member's role; the last owner may not step down, so a project always has someone to manage it. */
export async function setMemberRole(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'member.role', projectId: project.id }, async (w) => {
    const member = await resolveMember(w.trx, project.id, args.name);
    if (args.role !== 'owner') await assertNotLastOwner(w.trx, project.id, member);
    if (member.role !== args.role) await w.update('members', member.id, { role: args.role });
    return {
      result: { project: project.name, name: member.name, role: args.role, previous: member.role },
      objectIds: [member.account_id],
      details: { role: args.role, previous: member.role },
    };
  });
}
