import type { CommandContext, SignedInAccount } from '../helpers/context.js';
import { IDLE_MINUTES, sessionId, signedIn } from '../helpers/sessions.js';
import { signInAccountExists } from './mode.js';

// A session's last use is written at most once a minute: a request is a read, not a write.
const SEEN_EVERY_MS = 60_000;

/**
 * The account a session token belongs to; null when unknown, expired, unused for longer than
 * IDLE_MINUTES or the account is disabled. The laptop's person (local mode) has no idle limit:
 * their session needs no secret to start again, so it lets no one in once the server is in
 * accounts mode (mode.ts; `oidc`: an identity provider is configured). A session in use is kept alive.
 */
export async function sessionAccount(
  ctx: CommandContext,
  token: string,
  { oidc = false }: { oidc?: boolean } = {},
): Promise<SignedInAccount | null> {
  const id = sessionId(token);
  const now = Date.now();
  const row = await ctx.store.db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['accounts.id', 'accounts.name', 'accounts.kind', 'sessions.last_seen_at'])
    .select(signInAccountExists().as('accounts_mode'))
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', new Date(now).toISOString())
    .where('accounts.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (row.kind === 'local' && (oidc || row.accounts_mode)) return null;
  const seen = row.last_seen_at ? Date.parse(row.last_seen_at) : 0;
  if (row.kind !== 'local' && now - seen > IDLE_MINUTES * 60_000) return null;
  if (now - seen > SEEN_EVERY_MS)
    await ctx.store.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute();
  return signedIn(row);
}
