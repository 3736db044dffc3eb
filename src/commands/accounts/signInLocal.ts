import { z } from 'zod';
import { KodaError } from '../../core/errors.js';
import { newId, nowIso } from '../../store/ids.js';
import { type CommandContext, runCommand, type SignedInAccount } from '../helpers/context.js';
import { insertSession, signedIn } from '../helpers/sessions.js';
import { name, parseInput } from '../helpers/validate.js';
import { accessMode } from './mode.js';

export const Input = z.object({ name });

/**
 * Local mode (the laptop, no accounts with a secret): the person gives their name once and is
 * signed in as the local account of that name, made the first time. Their layer is that name,
 * never the machine's login. Refused (as if absent) once the store has accounts.
 */
export async function signInLocal(
  ctx: CommandContext,
  input: z.input<typeof Input>,
): Promise<{ account: SignedInAccount; token: string }> {
  const { name: person } = parseInput(Input, input);
  if ((await accessMode(ctx)) !== 'local') throw new KodaError('auth.not-local', {}, 'not-found');
  try {
    return await signInAs(ctx, person);
  } catch (e) {
    // Two first sign-ins of one name at once (two tabs): the other made the account; use it.
    if (!(await findLocal(ctx, person))) throw e;
    return signInAs(ctx, person);
  }
}

function findLocal(ctx: CommandContext, person: string) {
  return ctx.store.db
    .selectFrom('accounts')
    .select(['id', 'name', 'kind', 'disabled_at'])
    .where('name', '=', person)
    .executeTakeFirst();
}

/** Signs `person` in, making their local account the first time. */
async function signInAs(ctx: CommandContext, person: string) {
  const found = await findLocal(ctx, person);
  if (found?.disabled_at) throw new KodaError('auth.failed', {}, 'forbidden');
  const account = signedIn(found ?? { id: newId(), name: person, kind: 'local' });
  const token = await runCommand(
    { ...ctx, actor: account.name, account },
    { action: 'account.sign-in', projectId: null },
    async (w) => {
      if (!found)
        await w.trx
          .insertInto('accounts')
          .values({ ...account, failed_sign_ins: 0, created_at: nowIso() })
          .execute();
      return {
        result: await insertSession(w.trx, account.id),
        objectIds: [account.id],
        details: { method: 'local', created: !found },
      };
    },
  );
  return { account, token };
}
