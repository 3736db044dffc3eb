import { z } from 'zod';
import { invalid } from '../../core/errors.js';
import { type CommandContext, runCommand } from '../helpers/context.js';
import { hashPassword } from '../helpers/passwords.js';
import { name, parseInput } from '../helpers/validate.js';
import { findAccount } from './findAccount.js';
import { password } from './password.js';

export const Input = z.object({ name, password });

/**
 * Sets an account's password (a local account becomes a password account). Lifts a lock and
 * ends the account's sessions: whoever knew the old password is signed out (ASVS V3.3.3).
 */
export async function setPassword(ctx: CommandContext, input: z.input<typeof Input>) {
  const { name: person, password: secret } = parseInput(Input, input);
  const account = await findAccount(ctx.store.db, person);
  if (account.kind === 'oidc') throw invalid('account.no-password', { name: account.name });
  const hash = await hashPassword(secret);
  return runCommand(ctx, { action: 'account.password', projectId: null }, async (w) => {
    await w.trx
      .updateTable('accounts')
      .set({ kind: 'password', password_hash: hash, failed_sign_ins: 0, locked_until: null })
      .where('id', '=', account.id)
      .execute();
    await w.trx.deleteFrom('sessions').where('account_id', '=', account.id).execute();
    return { result: { name: account.name }, objectIds: [account.id] };
  });
}
