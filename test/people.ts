import type { SignedInAccount } from '../src/commands/helpers/context.js';
import type { Store } from '../src/store/db.js';
import { newId, nowIso } from '../src/store/ids.js';

/** An account row as `koda user add` leaves it (the password plays no part in access tests). */
export async function account(store: Store, name: string, kind = 'password'): Promise<SignedInAccount> {
  const id = newId();
  await store.db
    .insertInto('accounts')
    .values({
      id,
      name,
      kind,
      created_at: nowIso(),
      email: null,
      password_hash: null,
      oidc_issuer: null,
      oidc_subject: null,
      locked_until: null,
      disabled_at: null,
    })
    .execute();
  return { id, name, kind };
}
