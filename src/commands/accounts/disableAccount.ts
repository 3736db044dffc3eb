import { z } from 'zod';
import { nowIso } from '../../store/ids.js';
import { type CommandContext, runCommand } from '../helpers/context.js';
import { name, parseInput } from '../helpers/validate.js';
import { findAccount } from './findAccount.js';

export const Input = z.object({ name });

/**
 * Disables an account: it can no longer sign in, and its sessions end at once. Kept, not
 * deleted: the layers and the audit log still name it.
 */
export async function disableAccount(ctx: CommandContext, input: z.input<typeof Input>) {
  const { name: person } = parseInput(Input, input);
  const account = await findAccount(ctx.store.db, person);
  return runCommand(ctx, { action: 'account.disable', projectId: null }, async (w) => {
    await w.trx
      .updateTable('accounts')
      .set({ disabled_at: account.disabled_at ?? nowIso() })
      .where('id', '=', account.id)
      .execute();
    const ended = await w.trx.deleteFrom('sessions').where('account_id', '=', account.id).executeTakeFirst();
    const sessions = Number(ended.numDeletedRows);
    return { result: { name: account.name, sessions }, objectIds: [account.id], details: { sessions } };
  });
}
