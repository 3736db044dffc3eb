import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person the test provider knows, by the login typed into its sign-in form. */
export type ProviderPerson = { name?: string; preferred_username?: string; email?: string };

export interface TestProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  people: Record<string, ProviderPerson>;
  /** A loopback port of its own choosing, unless given. */
  port?: number;
}

export interface TestProvider {
  issuer: string;
  /** The next token response's ID token has its subject changed after it was signed. */
  tamperNextIdToken(): void;
  /**
   * Plays the person at the provider: opens the authorization URL, signs in as `login` on the
   * development sign-in form, consents, and returns the URL the provider sends the browser back to.
   */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) on a loopback port, with one confidential
 * client and its development sign-in form, where any login named in `people` signs in.
 */
export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  let tamper = false;
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server = createServer((req, res) => {
    if (tamper && req.method === 'POST' && req.url?.startsWith('/token')) {
      tamper = false;
      tamperIdToken(res);
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'] },
    findAccount: (_ctx, sub) => {
      const person = options.people[sub];
      return person ? { accountId: sub, claims: () => ({ sub, ...person }) } : undefined;
    },
    cookies: { keys: ['koda-test-provider'] },
    // Set, so the provider does not warn about its defaults on every token.
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Grant: 600, Interaction: 600, Session: 600 },
    pkce: { required: () => true },
  });
  handle = provider.callback();
  return {
    issuer,
    tamperNextIdToken: () => {
      tamper = true;
    },
    signIn: (url, login) => playPerson(new URL(url), login, options.redirectUri),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Rewrites the `sub` of the ID token in a token response on its way out, keeping the signature. */
function tamperIdToken(res: ServerResponse) {
  const end = res.end.bind(res) as (chunk?: unknown) => ServerResponse;
  res.end = ((chunk?: unknown) => {
    const body = JSON.parse(String(chunk)) as { id_token: string };
    const [header, payload, signature] = body.id_token.split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString());
    claims.sub = 'someone-else';
    body.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
    res.removeHeader('content-length');
    return end(JSON.stringify(body));
  }) as ServerResponse['end'];
}

/** Follows the provider's redirects with a cookie jar, filling in its forms, until it sends the browser to the client. */
async function playPerson(start: URL, login: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let request: { url: URL; form?: Record<string, string> } = { url: start };
  for (let step = 0; step < 20; step++) {
    const res = await fetch(request.url, {
      method: request.form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(request.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: request.form ? new URLSearchParams(request.form).toString() : undefined,
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, request.url);
      if (next.href.startsWith(redirectUri)) return next;
      request = { url: next };
      continue;
    }
    const page = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`the provider answered ${res.status} without a form: ${page.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? '';
    request = {
      url: new URL(action, request.url),
      form: prompt === 'login' ? { prompt, login, password: 'any' } : { prompt },
    };
  }
  throw new Error('the provider never sent the browser back');
}
