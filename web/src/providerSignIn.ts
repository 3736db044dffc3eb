/** Where the browser leaves for the identity provider (src/server/oidc.ts). */
export const PROVIDER_SIGN_IN_URL = '/api/session/oidc';

/** The server's reasons for a failed sign-in through the provider, as this page words them. */
const PROVIDER_ERRORS: Record<string, string> = {
  'auth.oidc-failed': 'provider.failed',
  'oidc.unavailable': 'provider.unavailable',
};

/**
 * The message key of the reason the server sent the browser back with (`?sign-in-error=<code>`),
 * or null; only the server's own codes are shown, whatever else the address holds.
 */
export function providerSignInError(search: string): string | null {
  const code = new URLSearchParams(search).get('sign-in-error') ?? '';
  return Object.hasOwn(PROVIDER_ERRORS, code) ? (PROVIDER_ERRORS[code] ?? null) : null;
}
