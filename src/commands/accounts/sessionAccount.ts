import type { CommandContext, SignedInAccount } from '../helpers/context.js';
import { sessionId, signedIn } from '../helpers/sessions.js';

/** The account a session token belongs to; null when unknown, expired or the account is disabled. */
export async function sessionAccount(ctx: CommandContext, token: string): Promise<SignedInAccount | null> {
  const row = await ctx.store.db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['accounts.id', 'accounts.name', 'accounts.kind'])
    .where('sessions.id', '=', sessionId(token))
    .where('sessions.expires_at', '>', new Date().toISOString())
    .where('accounts.disabled_at', 'is', null)
    .executeTakeFirst();
  return row ? signedIn(row) : null;
}
