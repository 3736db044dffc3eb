import { z } from 'zod';
import { type CommandContext, runCommand } from '../helpers/context.js';
import { assertNotLastOwner, resolveMember } from '../helpers/members.js';
import { resolveProject } from '../helpers/resolve.js';
import { parseInput } from '../helpers/validate.js';

export const Input = z.object({ project: z.string(), name: z.string().trim().min(1) });

/**
 * Takes a person's access to a project away. Their coding layer stays: it is the study's data,
 * credited to them; only the access goes. The last owner cannot be removed.
 */
export async function removeMember(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'member.remove', projectId: project.id }, async (w) => {
    const member = await resolveMember(w.trx, project.id, args.name);
    await assertNotLastOwner(w.trx, project.id, member);
    await w.delete('members', [member.id]);
    return {
      result: { project: project.name, name: member.name, role: member.role },
      objectIds: [member.account_id],
      details: { role: member.role },
    };
  });
}
