import { KodaError } from '../../core/errors.js';
import { NAME_MAX, shortenName, withoutUnsafeCharacters } from '../../core/names.js';
import type { Db } from '../../store/db.js';
import { newId, nowIso } from '../../store/ids.js';
import type { AccountRow } from '../../store/schema.js';
import { type CommandContext, runCommand, type SignedInAccount } from '../helpers/context.js';
import { insertSession, signedIn } from '../helpers/sessions.js';

/** Who the identity provider says signed in: its verified ID token's issuer and subject, and how they like to be called. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  /** preferred_username, name or email, the first the provider gave; names a new account. */
  displayName?: string | undefined;
  email?: string | undefined;
}

/** Why a sign-in through the provider failed, for the audit log (never a token or a code). */
export type ProviderFailure = 'no-pending-sign-in' | 'state' | 'provider-refused' | 'invalid-response' | 'disabled';

/** A failure of the provider's answer, raised by `verify` with its reason. */
export class ProviderSignInError extends Error {
  constructor(readonly reason: ProviderFailure) {
    super(`OpenID Connect sign-in failed: ${reason}`);
  }
}

/**
 * Signs in the person the identity provider vouches for. `verify` checks the provider's answer
 * (state, PKCE, the ID token's signature, issuer, audience, nonce and expiry) and says who it is.
 * The (issuer, subject) pair names the account: one that has it is signed in; a new subject gets
 * a new account of kind 'oidc', named from the provider's claims (made unique), member of no
 * project until an owner adds it. Every outcome is audited; a failure as `auth.oidc-failed`.
 */
export async function signInWithProvider(
  ctx: CommandContext,
  verify: () => Promise<ProviderIdentity>,
): Promise<{ account: SignedInAccount; token: string }> {
  let identity: ProviderIdentity;
  try {
    identity = await verify();
  } catch (e) {
    if (!(e instanceof ProviderSignInError)) throw e;
    return refuse(ctx, e.reason, []);
  }
  const known = await accountOf(ctx.store.db, identity);
  if (known?.disabled_at) return refuse(ctx, 'disabled', [known.id]);
  const account = known ? signedIn(known) : await addProviderAccount(ctx, identity);
  const token = await runCommand(
    { ...ctx, actor: account.name, account },
    { action: 'account.sign-in', projectId: null },
    async (w) => ({ result: await insertSession(w.trx, account.id), objectIds: [account.id], details: { method: 'oidc' } }),
  );
  return { account, token };
}

function accountOf(db: Db, identity: ProviderIdentity): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('oidc_issuer', '=', identity.issuer)
    .where('oidc_subject', '=', identity.subject)
    .executeTakeFirst();
}

/**
 * A new subject's account, audited as added by the person themself. When the same person's
 * first sign-in in another tab made it a moment before, that account is theirs.
 */
async function addProviderAccount(ctx: CommandContext, identity: ProviderIdentity): Promise<SignedInAccount> {
  try {
    return await insertProviderAccount(ctx, identity);
  } catch (e) {
    const made = await accountOf(ctx.store.db, identity);
    if (made) return signedIn(made);
    throw e;
  }
}

async function insertProviderAccount(ctx: CommandContext, identity: ProviderIdentity): Promise<SignedInAccount> {
  const account = { id: newId(), name: await freeName(ctx.store.db, accountName(identity)), kind: 'oidc' };
  await runCommand({ ...ctx, actor: account.name, account }, { action: 'account.add', projectId: null }, async (w) => {
    await w.trx
      .insertInto('accounts')
      .values({
        ...account,
        email: identity.email ?? null,
        password_hash: null,
        oidc_issuer: identity.issuer,
        oidc_subject: identity.subject,
        locked_until: null,
        disabled_at: null,
        created_at: nowIso(),
      })
      .execute();
    return { result: null, objectIds: [account.id], details: { kind: 'oidc' } };
  });
  return account;
}

/** The provider's name for the person, made safe to show; the subject when it gave none. */
function accountName(identity: ProviderIdentity): string {
  const given = withoutUnsafeCharacters(identity.displayName ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return shortenName(given || identity.subject, NAME_MAX - 10).name;
}

/** `name`, or `name (2)`, `name (3)`… : the first no account has (names are people's layers). */
async function freeName(db: Db, name: string): Promise<string> {
  let candidate = name;
  for (let n = 2; await db.selectFrom('accounts').select('id').where('name', '=', candidate).executeTakeFirst(); n++) {
    candidate = `${name} (${n})`;
  }
  return candidate;
}

/** Audits the failure (with the account when one is known) and refuses with one error for every cause. */
async function refuse(ctx: CommandContext, reason: ProviderFailure, objectIds: string[]): Promise<never> {
  await runCommand({ ...ctx, actor: '-' }, { action: 'account.sign-in-failed', projectId: null }, async () => ({
    result: null,
    objectIds,
    details: { method: 'oidc', reason },
  }));
  throw new KodaError('auth.oidc-failed', {}, 'forbidden');
}
