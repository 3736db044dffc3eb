import type { CommandContext } from '../helpers/context.js';
import { insertSession } from '../helpers/sessions.js';

/**
 * Starts a session for an account that has just proved who it is (a password, the identity
 * provider, local mode); returns the cookie's token. The caller audits the sign-in.
 */
export function startSession(ctx: CommandContext, accountId: string): Promise<string> {
  return insertSession(ctx.store.db, accountId);
}
