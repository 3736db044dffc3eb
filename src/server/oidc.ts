import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import * as client from 'openid-client';
import { z } from 'zod';
import { type ProviderIdentity, ProviderSignInError, signInWithProvider } from '../commands/accounts/signInWithProvider.js';
import { KodaError } from '../core/errors.js';
import { isLoopbackHost } from './requestGuard.js';
import type { RouteDeps } from './routes/types.js';
import type { SessionCookie } from './session.js';

/** The university's identity provider, as `koda serve` was told about it. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  /** From KODA_OIDC_CLIENT_SECRET only: a flag would show in `ps`. Sent to the provider's token endpoint, nowhere else. */
  clientSecret: string;
  /** `<public-url>/api/session/oidc/callback`, registered with the provider. */
  redirectUri: URL;
  /** What the sign-in button calls the provider ("Sign in with …"). */
  name: string;
}

export interface OidcInput {
  issuer?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  publicUrl?: string | undefined;
  name?: string | undefined;
}

export const CALLBACK_PATH = '/api/session/oidc/callback';

/**
 * Checks what `koda serve` was given for OpenID Connect: nothing (no provider), or the issuer,
 * the client id, the secret and a public URL together. The issuer must speak https, but for a
 * provider on this computer.
 */
export function oidcSettings(input: OidcInput): OidcSettings | undefined {
  const given = {
    '--oidc-issuer': input.issuer,
    '--oidc-client-id': input.clientId,
    KODA_OIDC_CLIENT_SECRET: input.clientSecret,
  };
  const missing = Object.entries(given).filter(([, value]) => !value?.trim());
  if (missing.length === 3) return undefined;
  if (missing.length > 0) throw new KodaError('oidc.incomplete', { missing: missing.map(([k]) => k).join(', ') }, 'invalid');
  const issuer = parseUrl(input.issuer ?? '', 'oidc.issuer-url');
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname))) {
    throw new KodaError('oidc.issuer-url', { url: input.issuer ?? '' }, 'invalid');
  }
  if (!input.publicUrl) throw new KodaError('oidc.public-url', {}, 'invalid');
  return {
    issuer,
    clientId: input.clientId?.trim() ?? '',
    clientSecret: input.clientSecret ?? '',
    redirectUri: new URL(CALLBACK_PATH, parseUrl(input.publicUrl, 'oidc.public-url')),
    name: input.name?.trim() || issuer.hostname,
  };
}

function parseUrl(text: string, code: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new KodaError(code, { url: text }, 'invalid');
  }
}

/** What the browser keeps between leaving for the provider and coming back: the checks of this one sign-in. */
const Pending = z.object({ state: z.string(), nonce: z.string(), verifier: z.string() });
type Pending = z.infer<typeof Pending>;

const PENDING_COOKIE = 'koda_oidc';
const PENDING_PATH = '/api/session/oidc';
/** Long enough to sign in at the provider, short enough that a forgotten tab's checks expire. */
const PENDING_SECONDS = 600;

/**
 * The relying party: the authorization code flow with PKCE, state and nonce (openid-client).
 * The checks travel in a short-lived HttpOnly cookie, not in the server's memory, so any of
 * several servers on one database can finish a sign-in another began.
 */
class ProviderClient {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(private readonly settings: OidcSettings) {}

  /** The provider's metadata and keys, discovered on first use (the provider need not be up when Koda starts). */
  private config(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, name } = this.settings;
    this.configuration ??= client
      .discovery(issuer, clientId, undefined, client.ClientSecretBasic(clientSecret), {
        // The ID token's signature is checked against the provider's published keys, not left to
        // TLS: a token altered on its way (a proxy, a broken TLS setup) is refused.
        // Plain http only reaches a provider on this computer (oidcSettings refuses it elsewhere).
        execute: [client.enableNonRepudiationChecks, ...(issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [])],
      })
      .catch(() => {
        this.configuration = undefined;
        throw new KodaError('oidc.unavailable', { provider: name }, 'busy');
      });
    return this.configuration;
  }

  async begin(): Promise<{ url: URL; pending: Pending }> {
    const config = await this.config();
    const pending = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri.href,
      scope: 'openid profile email',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url, pending };
  }

  /** Who signed in, once the provider's answer passed every check; a `ProviderSignInError` otherwise. */
  async finish(callback: URL, pending: Pending | undefined): Promise<ProviderIdentity> {
    const config = await this.config();
    if (callback.searchParams.has('error')) throw new ProviderSignInError('provider-refused');
    if (!pending) throw new ProviderSignInError('no-pending-sign-in');
    if (!sameText(callback.searchParams.get('state') ?? '', pending.state)) throw new ProviderSignInError('state');
    try {
      const tokens = await client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new ProviderSignInError('invalid-response');
      // Many providers put the person's names only in the userinfo answer, not in the ID token;
      // that answer must be about the same subject.
      const profile = nameOf(claims) ? claims : await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      return identityOf(claims, profile);
    } catch {
      throw new ProviderSignInError('invalid-response');
    }
  }
}

function identityOf(claims: client.IDToken, profile: Record<string, unknown>): ProviderIdentity {
  return {
    issuer: claims.iss,
    subject: claims.sub,
    displayName: nameOf(profile),
    email: typeof profile.email === 'string' ? profile.email : undefined,
  };
}

function nameOf(claims: Record<string, unknown>): string | undefined {
  const name = [claims.preferred_username, claims.name, claims.email].find((v) => typeof v === 'string' && v.trim());
  return name as string | undefined;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function readPending(cookie: string | undefined): Pending | undefined {
  if (!cookie) return undefined;
  try {
    return Pending.parse(JSON.parse(Buffer.from(cookie, 'base64url').toString()));
  } catch {
    return undefined;
  }
}

/**
 * `GET /api/session/oidc` sends the browser to the provider; the provider sends it back to
 * `GET /api/session/oidc/callback`, which signs the person in and opens the workbench, or opens
 * it with `?sign-in-error=<code>` when the sign-in failed.
 */
export function oidcRoutes({ app, contextFor }: RouteDeps, settings: OidcSettings | undefined, setSession: SessionCookie) {
  if (!settings) return;
  const provider = new ProviderClient(settings);
  const secure = settings.redirectUri.protocol === 'https:';
  const failed = (reply: FastifyReply, error: KodaError) =>
    reply.redirect(`/?sign-in-error=${encodeURIComponent(error.code)}`, 303);
  app.get('/api/session/oidc', { schema: { tags: ['session'] }, config: { rule: { public: true } } }, async (_req, reply) => {
    let begun: Awaited<ReturnType<ProviderClient['begin']>>;
    try {
      begun = await provider.begin();
    } catch (e) {
      if (!(e instanceof KodaError)) throw e;
      return failed(reply, e);
    }
    const { url, pending } = begun;
    reply.setCookie(PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
      httpOnly: true,
      sameSite: 'lax',
      secure,
      path: PENDING_PATH,
      maxAge: PENDING_SECONDS,
    });
    return reply.redirect(url.href, 303);
  });
  app.get(CALLBACK_PATH, { schema: { tags: ['session'] }, config: { rule: { public: true } } }, async (req, reply) => {
    const pending = readPending(req.cookies[PENDING_COOKIE]);
    reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
    // The redirect URI as registered, with the provider's answer: never the Host the request named.
    const callback = new URL(settings.redirectUri);
    callback.search = new URL(req.url, settings.redirectUri).search;
    try {
      const { token } = await signInWithProvider(contextFor(req), () => provider.finish(callback, pending));
      setSession(req, reply, token);
      return reply.redirect('/', 303);
    } catch (e) {
      if (!(e instanceof KodaError)) throw e;
      return failed(reply, e);
    }
  });
}
