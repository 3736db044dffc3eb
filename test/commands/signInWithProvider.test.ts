import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type ProviderIdentity,
  ProviderSignInError,
  signInWithProvider,
} from '../../src/commands/accounts/signInWithProvider.js';
import { tempContext } from '../helpers.js';

let made: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  made = await tempContext();
});
afterEach(() => made.cleanup());

const ISSUER = 'https://idp.uni.example';
const vouch = (identity: Partial<ProviderIdentity>) => () => Promise.resolve({ issuer: ISSUER, subject: 'sub-1', ...identity });
const accounts = () => made.store.db.selectFrom('accounts').select(['name', 'oidc_subject']).orderBy('name').execute();

describe('signInWithProvider', () => {
  it('makes one account when the same person’s first sign-ins race (two tabs)', async () => {
    const [a, b] = await Promise.all([
      signInWithProvider(made.ctx, vouch({ displayName: 'anna' })),
      signInWithProvider(made.ctx, vouch({ displayName: 'anna' })),
    ]);
    expect(a.account.id).toBe(b.account.id);
    expect(await accounts()).toEqual([{ name: 'anna', oidc_subject: 'sub-1' }]);
    expect(a.token).not.toBe(b.token);
  });

  it('names an account without the control and bidirectional characters a provider may send', async () => {
    await signInWithProvider(made.ctx, vouch({ displayName: 'Anna\u202e \u0007Berg\n' }));
    await signInWithProvider(made.ctx, vouch({ subject: 'sub-2', displayName: '\u200f\u0000' }));
    expect(await accounts()).toEqual([
      { name: 'Anna Berg', oidc_subject: 'sub-1' },
      { name: 'sub-2', oidc_subject: 'sub-2' },
    ]);
  });

  it('refuses with one error whatever failed, and keeps who else was there out of it', async () => {
    const failing = () => Promise.reject(new ProviderSignInError('state'));
    await expect(signInWithProvider(made.ctx, failing)).rejects.toMatchObject({ code: 'auth.oidc-failed', kind: 'forbidden' });
    // A bug is not a refused sign-in: it is not dressed up as one.
    await expect(signInWithProvider(made.ctx, () => Promise.reject(new TypeError('bug')))).rejects.toThrow('bug');
    expect(await accounts()).toEqual([]);
  });
});
