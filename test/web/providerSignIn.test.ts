import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../web/src/i18n/index.js';
import { providerSignInError } from '../../web/src/providerSignIn.js';

afterEach(() => i18n.changeLanguage('en'));

describe('the reason a sign-in through the identity provider failed', () => {
  it('is read from the address the server sent the browser back to, and worded in sv and en', async () => {
    const failed = providerSignInError('?sign-in-error=auth.oidc-failed');
    const unavailable = providerSignInError('?sign-in-error=oidc.unavailable');
    expect([failed, unavailable]).toEqual(['provider.failed', 'provider.unavailable']);
    const provider = 'Lunds universitet';
    expect(i18n.t(failed ?? '', { provider })).toBe(
      'Sign-in with Lunds universitet did not succeed; nobody was signed in. Try again.',
    );
    await i18n.changeLanguage('sv');
    expect(i18n.t(unavailable ?? '', { provider })).toBe('Lunds universitet går inte att nå just nu; försök igen om en stund.');
    expect(i18n.t('provider.signIn', { provider })).toBe('Logga in med Lunds universitet');
  });

  it('is nothing for an address without one, or with anything but the server’s own codes', () => {
    for (const search of ['', '?project=Omega', '?sign-in-error=<script>alert(1)</script>', '?sign-in-error=toString']) {
      expect(providerSignInError(search), search).toBeNull();
    }
  });
});
