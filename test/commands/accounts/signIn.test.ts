import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount } from '../../../src/commands/accounts/addAccount.js';
import { disableAccount } from '../../../src/commands/accounts/disableAccount.js';
import { sessionAccess } from '../../../src/commands/accounts/sessionAccount.js';
import { failureDelayMs, LOCK_AFTER, signIn } from '../../../src/commands/accounts/signIn.js';
import { signOut } from '../../../src/commands/accounts/signOut.js';
import type { CommandContext } from '../../../src/commands/helpers/context.js';
import type { KodaError } from '../../../src/core/errors.js';
import type { Store } from '../../../src/store/db.js';
import { tempContext } from '../../helpers.js';
import { storeFilesWith } from '../../storeFiles.js';
import { kodaError } from '../fixtures.js';

/** The session's account alone (the server also asks for a role with it). */
const sessionAccount = async (ctx: CommandContext, token: string, options?: { oidc?: boolean }) =>
  (await sessionAccess(ctx, token, options)).account;

let ctx: CommandContext;
let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
let waits: number[];
const wait = async (ms: number) => {
  waits.push(ms);
};
const PASSWORD = 'korrekt häst batteri häftklammer';

beforeEach(async () => {
  ({ ctx, store, dir, cleanup } = await tempContext('operator'));
  waits = [];
  await addAccount(ctx, { name: 'Anna', password: PASSWORD });
});
afterEach(() => cleanup());

const attempt = (name: string, password: string) => kodaError(signIn(ctx, { name, password }, { wait }));
const answer = (e: KodaError) => ({ code: e.code, kind: e.kind, params: e.params });

describe('signIn', () => {
  it('signs in with the right password: a session whose token is stored only as its hash', async () => {
    const { account, token } = await signIn(ctx, { name: 'Anna', password: PASSWORD }, { wait });
    expect(account).toEqual({ id: expect.any(String), name: 'Anna', kind: 'password' });
    expect(await sessionAccount(ctx, token)).toEqual(account);
    const sessions = await store.db.selectFrom('sessions').selectAll().execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.id).not.toContain(token);
    expect(await storeFilesWith(store, dir, token)).toEqual([]);
    expect(waits).toEqual([]);
  });

  it('answers a wrong password and an unknown name alike, and waits longer after each failure', async () => {
    const wrong = await attempt('Anna', 'fel lösenord men långt');
    const unknown = await attempt('Nobody', 'fel lösenord men långt');
    expect(answer(wrong)).toEqual(answer(unknown));
    expect(wrong.code).toBe('auth.failed');
    // The same waits for both: the first failure of each name.
    expect(waits).toEqual([250, 250]);
    await attempt('Anna', 'fel igen, också långt');
    await attempt('Nobody', 'fel igen, också långt');
    expect(waits).toEqual([250, 250, 500, 500]);
    expect(failureDelayMs(100)).toBe(2000);
  });

  it('locks a name after five failures in a row: the sixth attempt fails even with the right password', async () => {
    for (let i = 0; i < LOCK_AFTER; i++) expect((await attempt('Anna', `fel-lösenord-${i}-långt`)).code).toBe('auth.failed');
    const locked = await attempt('Anna', PASSWORD);
    expect(locked.code).toBe('auth.locked');
    expect(await store.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
    // An unknown name locks the same way, so a lock betrays no name.
    for (let i = 0; i < LOCK_AFTER; i++) await attempt('Niemand', `fel-lösenord-${i}-långt`);
    expect(answer(await attempt('Niemand', PASSWORD))).toEqual(answer(locked));
  });

  it('resets the count on success, so failures must come in a row', async () => {
    for (let i = 0; i < LOCK_AFTER - 1; i++) await attempt('Anna', `fel-lösenord-${i}-långt`);
    await signIn(ctx, { name: 'Anna', password: PASSWORD }, { wait });
    for (let i = 0; i < LOCK_AFTER - 1; i++) await attempt('Anna', `fel-lösenord-${i}-långt`);
    expect((await signIn(ctx, { name: 'Anna', password: PASSWORD }, { wait })).account.name).toBe('Anna');
  });

  it('audits sign-ins and failures with the account, never the password or an unknown name', async () => {
    await attempt('Anna', 'fel lösenord men långt');
    await attempt('Lösenordet-i-fel-fält', 'x');
    await signIn(ctx, { name: 'Anna', password: PASSWORD }, { wait });
    const anna = await store.db.selectFrom('accounts').select('id').where('name', '=', 'Anna').executeTakeFirstOrThrow();
    const audit = await store.db
      .selectFrom('audit_events')
      .select(['action', 'actor', 'actor_id', 'object_ids', 'details'])
      .where('action', 'like', 'account.sign-in%')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => [a.action, a.actor, a.actor_id, JSON.parse(a.object_ids)])).toEqual([
      ['account.sign-in-failed', '-', null, [anna.id]],
      ['account.sign-in-failed', '-', null, []],
      ['account.sign-in', 'Anna', anna.id, [anna.id]],
    ]);
    const everything = JSON.stringify(await store.db.selectFrom('audit_events').selectAll().execute());
    for (const secret of [PASSWORD, 'fel lösenord men långt', 'Lösenordet-i-fel-fält']) expect(everything).not.toContain(secret);
    for (const secret of [PASSWORD, 'fel lösenord men långt', 'Lösenordet-i-fel-fält'])
      expect(await storeFilesWith(store, dir, secret)).toEqual([]);
  });

  it('refuses a disabled account like a wrong password, and its open session stops working', async () => {
    const { token } = await signIn(ctx, { name: 'Anna', password: PASSWORD }, { wait });
    await disableAccount(ctx, { name: 'Anna' });
    expect(await sessionAccount(ctx, token)).toBeNull();
    expect((await attempt('Anna', PASSWORD)).code).toBe('auth.failed');
  });

  it('ends a session on sign-out, and an expired one gives no account', async () => {
    const first = await signIn(ctx, { name: 'Anna', password: PASSWORD }, { wait });
    await signOut({ ...ctx, actor: 'Anna', account: first.account }, first.token);
    expect(await sessionAccount(ctx, first.token)).toBeNull();
    const second = await signIn(ctx, { name: 'Anna', password: PASSWORD }, { wait });
    await store.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect(await sessionAccount(ctx, second.token)).toBeNull();
  });

  it('ends a session unused for 30 minutes; one in use stays and records its use', async () => {
    const { token, account } = await signIn(ctx, { name: 'Anna', password: PASSWORD }, { wait });
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: minutesAgo(29) })
      .execute();
    expect(await sessionAccount(ctx, token)).toEqual(account);
    const seen = await store.db.selectFrom('sessions').select('last_seen_at').executeTakeFirstOrThrow();
    expect(Date.parse(seen.last_seen_at ?? '')).toBeGreaterThan(Date.parse(minutesAgo(1)));
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: minutesAgo(31) })
      .execute();
    expect(await sessionAccount(ctx, token)).toBeNull();
  });
});
