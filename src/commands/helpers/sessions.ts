import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../store/db.js';
import type { AccountRow } from '../../store/schema.js';
import type { SignedInAccount } from './context.js';

/** How long a session lasts (ASVS V3.3: an absolute limit; 12 h is one working day). */
export const SESSION_HOURS = 12;

/** How long a session may go unused (ASVS V3.3.2, level 2: 30 minutes of inactivity). */
export const IDLE_MINUTES = 30;

/** The stored id of a session: the token's SHA-256, so a copy of the database signs nobody in. */
export const sessionId = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Starts a session in `db` (a transaction or the store) and returns its token (32 random bytes). */
export async function insertSession(db: Db, accountId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  // Expired sessions are of no use to anyone; they go when a new one starts.
  await db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({
      id: sessionId(token),
      account_id: accountId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString(),
    })
    .execute();
  return token;
}

export const signedIn = (row: Pick<AccountRow, 'id' | 'name' | 'kind'>): SignedInAccount => ({
  id: row.id,
  name: row.name,
  kind: row.kind,
});

/** Accounts that sign in with a secret: one of them puts a server in accounts mode. */
export const SIGN_IN_KINDS = ['password', 'oidc'] as const;
