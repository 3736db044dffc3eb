import { z } from 'zod';
import { conflict } from '../../core/errors.js';
import { newId, nowIso } from '../../store/ids.js';
import { type CommandContext, runCommand } from '../helpers/context.js';
import { ROLES, resolveAccount } from '../helpers/members.js';
import { resolveProject } from '../helpers/resolve.js';
import { parseInput } from '../helpers/validate.js';

export const Input = z.object({ project: z.string(), name: z.string().trim().min(1), role: z.enum(ROLES) });

/** Gives an account a role in a project; someone already a member is refused (change their role instead). */
export async function addMember(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'member.add', projectId: project.id }, async (w) => {
    const account = await resolveAccount(w.trx, args.name);
    const existing = await w.trx
      .selectFrom('members')
      .select('role')
      .where('project_id', '=', project.id)
      .where('account_id', '=', account.id)
      .executeTakeFirst();
    if (existing) throw conflict('member.exists', { name: account.name });
    const id = newId();
    await w.insert('members', { id, project_id: project.id, account_id: account.id, role: args.role, created_at: nowIso() });
    return {
      result: { project: project.name, name: account.name, role: args.role },
      objectIds: [account.id],
      details: { role: args.role },
    };
  });
}
