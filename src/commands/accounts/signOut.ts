import type { CommandContext } from '../helpers/context.js';
import { runCommand } from '../helpers/context.js';
import { sessionId } from '../helpers/sessions.js';

/** Ends a session (the cookie's token); audited when it belonged to someone. */
export async function signOut(ctx: CommandContext, token: string): Promise<void> {
  const session = await ctx.store.db
    .selectFrom('sessions')
    .select('account_id')
    .where('id', '=', sessionId(token))
    .executeTakeFirst();
  if (!session) return;
  await runCommand(ctx, { action: 'account.sign-out', projectId: null }, async (w) => {
    await w.trx.deleteFrom('sessions').where('id', '=', sessionId(token)).execute();
    return { result: undefined, objectIds: [session.account_id] };
  });
}
