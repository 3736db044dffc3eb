import { z } from 'zod';
import { conflict } from '../../core/errors.js';
import { newId, nowIso } from '../../store/ids.js';
import { type CommandContext, runCommand } from '../helpers/context.js';
import { hashPassword } from '../helpers/passwords.js';
import { name, parseInput } from '../helpers/validate.js';
import { password } from './password.js';

export const Input = z.object({ name, email: z.string().trim().email().max(320).optional(), password });

/**
 * Adds a person who signs in with a password. A local account of the same name (the laptop's
 * person from before the store had accounts) becomes this account, so their layer and audit
 * entries stay theirs.
 */
export async function addAccount(ctx: CommandContext, input: z.input<typeof Input>) {
  const { name: person, email, password: secret } = parseInput(Input, input);
  const hash = await hashPassword(secret);
  return runCommand(ctx, { action: 'account.add', projectId: null }, async (w) => {
    const found = await w.trx.selectFrom('accounts').select(['id', 'kind']).where('name', '=', person).executeTakeFirst();
    if (found && found.kind !== 'local') throw conflict('account.exists', { name: person });
    const fields = { kind: 'password', email: email ?? null, password_hash: hash, failed_sign_ins: 0, locked_until: null };
    const id = found?.id ?? newId();
    if (found) {
      await w.trx.updateTable('accounts').set(fields).where('id', '=', id).execute();
      // Its sessions began without a secret; from now on the name needs the password.
      await w.trx.deleteFrom('sessions').where('account_id', '=', id).execute();
    } else
      await w.trx
        .insertInto('accounts')
        .values({ id, name: person, ...fields, created_at: nowIso() })
        .execute();
    return { result: { id, name: person, kind: 'password' }, objectIds: [id], details: { fromLocal: Boolean(found) } };
  });
}
