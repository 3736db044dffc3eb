import { sql } from 'kysely';
import type { CommandContext } from '../helpers/context.js';
import { SIGN_IN_KINDS } from '../helpers/sessions.js';

/**
 * How a server lets people in: `accounts` once the store holds an account that signs in with a
 * secret (a disabled one counts: disabling the last account must not open the server), or the
 * identity provider is configured; else `local`, the laptop's person named once, no password.
 */
export type AccessMode = 'accounts' | 'local';

export async function accessMode(ctx: CommandContext, { oidc = false }: { oidc?: boolean } = {}): Promise<AccessMode> {
  if (oidc) return 'accounts';
  const row = await ctx.store.db.selectNoFrom(signInAccountExists().as('found')).executeTakeFirstOrThrow();
  return row.found ? 'accounts' : 'local';
}

/** Whether the store holds an account that signs in with a secret (the rule above), as SQL. */
export const signInAccountExists = () => sql<boolean>`exists (select 1 from accounts where kind in (${sql.join(SIGN_IN_KINDS)}))`;
