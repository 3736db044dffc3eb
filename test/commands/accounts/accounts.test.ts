import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount } from '../../../src/commands/accounts/addAccount.js';
import { disableAccount } from '../../../src/commands/accounts/disableAccount.js';
import { listAccounts } from '../../../src/commands/accounts/listAccounts.js';
import { accessMode } from '../../../src/commands/accounts/mode.js';
import { sessionAccess } from '../../../src/commands/accounts/sessionAccount.js';
import { setPassword } from '../../../src/commands/accounts/setPassword.js';
import { signIn } from '../../../src/commands/accounts/signIn.js';
import { signInLocal } from '../../../src/commands/accounts/signInLocal.js';
import { applyCoding } from '../../../src/commands/applyCoding.js';
import { createProject } from '../../../src/commands/createProject.js';
import type { CommandContext } from '../../../src/commands/helpers/context.js';
import { hashPassword, verifyPassword } from '../../../src/commands/helpers/passwords.js';
import { addMember } from '../../../src/commands/members/addMember.js';
import type { Store } from '../../../src/store/db.js';
import { tempContext } from '../../helpers.js';
import { storeFilesWith } from '../../storeFiles.js';
import { expectRefused, kodaError, studyFixture } from '../fixtures.js';

/** The session's account alone (the server also asks for a role with it). */
const sessionAccount = async (ctx: CommandContext, token: string, options?: { oidc?: boolean }) =>
  (await sessionAccess(ctx, token, options)).account;

let ctx: CommandContext;
let store: Store;
let dir: string;
let cleanup: () => Promise<void>;
const PASSWORD = 'ett långt lösenord för Anna';
const noWait = { wait: async () => {} };

beforeEach(async () => {
  ({ ctx, store, dir, cleanup } = await tempContext('operator'));
});
afterEach(() => cleanup());

describe('passwords', () => {
  it('are scrypt hashes with their parameters and a salt of their own', async () => {
    const [a, b] = [await hashPassword(PASSWORD), await hashPassword(PASSWORD)];
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, PASSWORD)).toBe(true);
    expect(await verifyPassword(a, `${PASSWORD} `)).toBe(false);
    expect(await verifyPassword('garbage', PASSWORD)).toBe(false);
  });
});

describe('addAccount, listAccounts, setPassword, disableAccount', () => {
  it('adds a password account, audited with neither password nor hash, and lists it without secrets', async () => {
    const added = await addAccount(ctx, { name: ' Anna ', email: 'anna@example.se', password: PASSWORD });
    expect(added).toEqual({ id: expect.any(String), name: 'Anna', kind: 'password' });
    expect(await listAccounts(ctx)).toEqual([
      {
        id: added.id,
        name: 'Anna',
        kind: 'password',
        email: 'anna@example.se',
        disabled: false,
        locked: false,
        createdAt: expect.any(String),
      },
    ]);
    const hash = (await store.db.selectFrom('accounts').select('password_hash').executeTakeFirstOrThrow()).password_hash ?? '';
    const audit = JSON.stringify(await store.db.selectFrom('audit_events').selectAll().execute());
    expect(audit).toContain('account.add');
    expect(audit).not.toContain(PASSWORD);
    expect(audit).not.toContain(hash.split('$')[5]);
    expect(await storeFilesWith(store, dir, PASSWORD)).toEqual([]);
    expect(await accessMode(ctx)).toBe('accounts');
  });

  it('refuses a short password, a taken name and a bad e-mail, changing nothing', async () => {
    await addAccount(ctx, { name: 'Anna', password: PASSWORD });
    await expectRefused(store, () => addAccount(ctx, { name: 'Bo', password: 'kort' }), 'account.password-length');
    await expectRefused(store, () => addAccount(ctx, { name: 'Bo', password: 'x'.repeat(1025) }), 'account.password-length');
    // Breached and guessable passwords of allowed length (ASVS V2.1.7).
    for (const common of ['password1234', '123456789012', 'qwertyuiopasdf', 'aaaaaaaaaaaa'])
      await expectRefused(store, () => addAccount(ctx, { name: 'Bo', password: common }), 'account.password-guessable');
    await expectRefused(store, () => addAccount(ctx, { name: 'Anna', password: PASSWORD }), 'account.exists');
    await expectRefused(
      store,
      () => addAccount(ctx, { name: 'Bo', email: 'inte en adress', password: PASSWORD }),
      'input.invalid',
    );
  });

  it('sets a new password: the old one stops working, sessions end, a lock lifts', async () => {
    await addAccount(ctx, { name: 'Anna', password: PASSWORD });
    const { token } = await signIn(ctx, { name: 'Anna', password: PASSWORD }, noWait);
    await store.db.updateTable('accounts').set({ failed_sign_ins: 5, locked_until: '2999-01-01T00:00:00.000Z' }).execute();
    await setPassword(ctx, { name: 'Anna', password: 'ett helt nytt lösenord' });
    expect(await sessionAccount(ctx, token)).toBeNull();
    // A failed sign-in counts itself, so it is no refusal that changes nothing.
    expect((await kodaError(signIn(ctx, { name: 'Anna', password: PASSWORD }, noWait))).code).toBe('auth.failed');
    expect((await signIn(ctx, { name: 'Anna', password: 'ett helt nytt lösenord' }, noWait)).account.name).toBe('Anna');
    await expectRefused(store, () => setPassword(ctx, { name: 'Nobody', password: PASSWORD }), 'account.not-found');
    await expectRefused(store, () => setPassword(ctx, { name: 'Anna', password: 'iloveyou1234' }), 'account.password-guessable');
  });

  it('disables an account and ends every session of it; the account stays listed', async () => {
    await addAccount(ctx, { name: 'Anna', password: PASSWORD });
    const sessions = [
      await signIn(ctx, { name: 'Anna', password: PASSWORD }, noWait),
      await signIn(ctx, { name: 'Anna', password: PASSWORD }, noWait),
    ];
    expect(await disableAccount(ctx, { name: 'Anna' })).toEqual({ name: 'Anna', sessions: 2 });
    for (const s of sessions) expect(await sessionAccount(ctx, s.token)).toBeNull();
    expect((await listAccounts(ctx))[0]).toMatchObject({ name: 'Anna', disabled: true });
    // Disabling the last account keeps the store in accounts mode: it must not open the server.
    expect(await accessMode(ctx)).toBe('accounts');
  });
});

describe('signInLocal', () => {
  it('keeps the laptop person signed in however long the laptop sat unused', async () => {
    const local = await signInLocal(ctx, { name: 'Zozan' });
    await store.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 3 * 3600_000).toISOString() })
      .execute();
    expect(await sessionAccount(ctx, local.token)).toEqual(local.account);
  });

  it('lets no one in once the server is in accounts mode: an account with a secret, or an identity provider', async () => {
    const local = await signInLocal(ctx, { name: 'Zozan' });
    expect(await sessionAccount(ctx, local.token, { oidc: true })).toBeNull();
    expect(await sessionAccount(ctx, local.token)).toEqual(local.account);
    await addAccount(ctx, { name: 'Anna', password: 'ett långt lösenord' });
    expect(await sessionAccount(ctx, local.token)).toBeNull();
  });

  it('names the layer after the name given, not the operating-system user, and finds the account again', async () => {
    const study = await studyFixture(ctx);
    expect(await accessMode(ctx)).toBe('local');
    const first = await signInLocal(ctx, { name: 'Zozan' });
    expect(first.account).toMatchObject({ name: 'Zozan', kind: 'local' });
    const again = await signInLocal(ctx, { name: 'Zozan' });
    expect(again.account.id).toBe(first.account.id);
    const asZozan = { ...ctx, actor: first.account.name, account: first.account };
    await applyCoding(asZozan, { project: study.p, source: study.source, code: study.codes.hinder, start: 0, end: 4 });
    const segment = await store.db
      .selectFrom('segments')
      .innerJoin('coders', 'coders.id', 'segments.coder_id')
      .select('coders.name')
      .orderBy('segments.id', 'desc')
      .executeTakeFirstOrThrow();
    expect(segment.name).toBe('Zozan');
    const audit = await store.db
      .selectFrom('audit_events')
      .select(['actor', 'actor_id'])
      .where('action', '=', 'segment.apply')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor: 'Zozan', actor_id: first.account.id });
  });

  it('makes one account when two tabs give a new name at once', async () => {
    const [a, b] = await Promise.all([signInLocal(ctx, { name: 'Zozan' }), signInLocal(ctx, { name: 'Zozan' })]);
    expect(a.account.id).toBe(b.account.id);
    expect(await listAccounts(ctx)).toEqual([expect.objectContaining({ name: 'Zozan', kind: 'local' })]);
  });

  it('is refused once the store has a password account', async () => {
    await addAccount(ctx, { name: 'Anna', password: PASSWORD });
    await expectRefused(store, () => signInLocal(ctx, { name: 'Zozan' }), 'auth.not-local');
  });

  it('lets `koda user add` turn a local person into a password account, keeping the account but not its session', async () => {
    const local = await signInLocal(ctx, { name: 'Zozan' });
    const added = await addAccount(ctx, { name: 'Zozan', password: PASSWORD });
    expect(added.id).toBe(local.account.id);
    // Signed in without a secret: now that the name has one, that session no longer counts.
    expect(await sessionAccount(ctx, local.token)).toBeNull();
  });
});

describe('sessionAccess', () => {
  it('finds the account and its role in the project named by id or name, in the same statement', async () => {
    const omega = await createProject(ctx, { name: 'Omega', language: 'sv' });
    await createProject(ctx, { name: 'Alfa', language: 'sv' });
    await addAccount(ctx, { name: 'Anna', password: PASSWORD });
    await addMember(ctx, { project: 'Omega', name: 'Anna', role: 'coder' });
    const { token, account } = await signIn(ctx, { name: 'Anna', password: PASSWORD }, noWait);
    expect(await sessionAccess(ctx, token)).toEqual({ account });
    expect(await sessionAccess(ctx, token, { project: 'Omega' })).toEqual({ account, role: 'coder' });
    expect(await sessionAccess(ctx, token, { project: omega.id })).toEqual({ account, role: 'coder' });
    // Not a member, and no such project: the same answer.
    expect(await sessionAccess(ctx, token, { project: 'Alfa' })).toEqual({ account, role: null });
    expect(await sessionAccess(ctx, token, { project: 'Beta' })).toEqual({ account, role: null });
    expect(await sessionAccess(ctx, 'no such token', { project: 'Omega' })).toEqual({ account: null });
  });

  it('gives the laptop person every project that exists, and none that does not', async () => {
    await createProject(ctx, { name: 'Omega', language: 'sv' });
    const local = await signInLocal(ctx, { name: 'Zozan' });
    expect(await sessionAccess(ctx, local.token, { project: 'Omega' })).toEqual({ account: local.account, role: 'owner' });
    expect(await sessionAccess(ctx, local.token, { project: 'Beta' })).toEqual({ account: local.account, role: null });
  });
});
