import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../reliability/server.js';
import { KodaError } from '../../src/core/errors.js';
import { buildServer } from '../../src/server/app.js';
import { oidcSettings } from '../../src/server/oidc.js';
import { storeTables, tempContext } from '../helpers.js';
import { startTestProvider, type TestProvider } from './oidcProvider.js';

const CLIENT_SECRET = 'koda-client-secret-7f3c9a1e5b';
const PUBLIC_URL = 'http://localhost:4312';
const REDIRECT_URI = `${PUBLIC_URL}/api/session/oidc/callback`;

let provider: TestProvider;
let made: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
/** Every answer Koda gave in a test: none may carry the client secret. */
let answers: LightMyRequestResponse[];

beforeAll(async () => {
  provider = await startTestProvider({
    clientId: 'koda',
    clientSecret: CLIENT_SECRET,
    redirectUri: REDIRECT_URI,
    people: {
      'anna-sub-1': { preferred_username: 'anna', name: 'Anna Andersson', email: 'anna@uni.example' },
      'bo-sub-2': { name: 'Bo Berg' },
      'other-anna': { preferred_username: 'anna' },
    },
  });
});
afterAll(() => provider.close());

beforeEach(async () => {
  made = await tempContext();
  const oidc = oidcSettings({
    issuer: provider.issuer,
    clientId: 'koda',
    clientSecret: CLIENT_SECRET,
    publicUrl: PUBLIC_URL,
    name: 'Test University',
  });
  app = await buildServer(made.ctx, { language: 'en', publicUrls: [PUBLIC_URL], oidc });
  answers = [];
});
afterEach(async () => {
  await app.close();
  await made.cleanup();
});

async function get(url: string, cookie?: string) {
  const res = await app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  answers.push(res);
  return res;
}

const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name);

/** Leaves Koda for the provider: the pending sign-in's cookie and where the browser goes. */
async function begin() {
  const res = await get('/api/session/oidc');
  expect(res.statusCode).toBe(303);
  const pending = cookieOf(res, 'koda_oidc');
  expect(pending).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/session/oidc' });
  return { location: String(res.headers.location), cookie: `koda_oidc=${pending?.value}` };
}

/** The browser's trip back to Koda's callback with the provider's answer. */
const callback = (answer: URL, cookie?: string) => get(`${answer.pathname}${answer.search}`, cookie);

/** A whole sign-in as `login` at the provider; the callback's answer. */
async function signInAs(login: string) {
  const { location, cookie } = await begin();
  return callback(await provider.signIn(location, login), cookie);
}

async function whoAmI(res: LightMyRequestResponse) {
  const session = cookieOf(res, 'koda_session');
  const me = await get('/api/session', `koda_session=${session?.value}`);
  expect(me.statusCode).toBe(200);
  const { account } = me.json() as { account: { id: string; name: string; kind: string } | null };
  expect(account).not.toBeNull();
  return account;
}

const accounts = () => made.store.db.selectFrom('accounts').selectAll().orderBy('created_at').execute();
const audit = (action: string) =>
  made.store.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('at').execute();

function expectRefused(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(303);
  expect(res.headers.location).toBe('/?sign-in-error=auth.oidc-failed');
  expect(cookieOf(res, 'koda_session')).toBeUndefined();
}

describe('sign-in with the identity provider', () => {
  it('ends with a session whose account has the provider’s subject, a new account of kind oidc', async () => {
    const res = await signInAs('anna-sub-1');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect(cookieOf(res, 'koda_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // The pending sign-in's checks are spent.
    expect(cookieOf(res, 'koda_oidc')?.value).toBe('');

    const me = await whoAmI(res);
    expect(me).toMatchObject({ name: 'anna', kind: 'oidc' });
    const [account, ...others] = await accounts();
    expect(others).toEqual([]);
    expect(account).toMatchObject({
      id: me?.id,
      kind: 'oidc',
      oidc_issuer: provider.issuer,
      oidc_subject: 'anna-sub-1',
      email: 'anna@uni.example',
      password_hash: null,
    });
    // Member of no project until an owner adds them.
    expect(await made.store.db.selectFrom('members').selectAll().execute()).toEqual([]);
    expect(await audit('account.add')).toMatchObject([{ actor_id: me?.id, object_ids: JSON.stringify([me?.id]) }]);
    expect(await audit('account.sign-in')).toMatchObject([{ actor: 'anna', actor_id: me?.id }]);
  });

  it('maps a second sign-in of the same subject to the same account', async () => {
    const first = await whoAmI(await signInAs('anna-sub-1'));
    const second = await signInAs('anna-sub-1');
    expect(second.headers.location).toBe('/');
    const again = await whoAmI(second);
    expect(again?.id).toBe(first?.id);
    expect(await accounts()).toHaveLength(1);
    expect(await made.store.db.selectFrom('sessions').select('id').execute()).toHaveLength(2);
    expect(await audit('account.add')).toHaveLength(1);
    expect(await audit('account.sign-in')).toHaveLength(2);
  });

  it('names a new account from the provider’s claims, made unique, and falls back to the name', async () => {
    await signInAs('anna-sub-1');
    const other = await whoAmI(await signInAs('other-anna'));
    expect(other?.name).toBe('anna (2)');
    // Bo's provider gives no preferred_username in the ID token or userinfo: his name is used.
    expect((await whoAmI(await signInAs('bo-sub-2')))?.name).toBe('Bo Berg');
  });

  it('refuses an answer whose state is not the one this browser was sent with, signing no one in', async () => {
    const { location, cookie } = await begin();
    const answer = await provider.signIn(location, 'anna-sub-1');
    answer.searchParams.set('state', `${answer.searchParams.get('state')}x`);
    expectRefused(await callback(answer, cookie));
    expect(await accounts()).toEqual([]);
    expect(await made.store.db.selectFrom('sessions').select('id').execute()).toEqual([]);
    expect(await audit('account.sign-in-failed')).toMatchObject([
      { actor_id: null, details: JSON.stringify({ method: 'oidc', reason: 'state' }) },
    ]);
  });

  it('refuses an answer that arrives without the pending sign-in (another browser’s code)', async () => {
    const { location } = await begin();
    expectRefused(await callback(await provider.signIn(location, 'anna-sub-1')));
    expect(await accounts()).toEqual([]);
    expect(await audit('account.sign-in-failed')).toMatchObject([
      { details: JSON.stringify({ method: 'oidc', reason: 'no-pending-sign-in' }) },
    ]);
  });

  it('refuses an ID token altered after the provider signed it', async () => {
    provider.tamperNextIdToken();
    expectRefused(await signInAs('anna-sub-1'));
    expect(await accounts()).toEqual([]);
    expect(await made.store.db.selectFrom('sessions').select('id').execute()).toEqual([]);
    expect(await audit('account.sign-in-failed')).toMatchObject([
      { details: JSON.stringify({ method: 'oidc', reason: 'invalid-response' }) },
    ]);
    // The provider itself is fine: the next, untouched answer signs in.
    expect((await signInAs('anna-sub-1')).headers.location).toBe('/');
  });

  it('refuses a disabled account even when the provider vouches for it', async () => {
    const me = await whoAmI(await signInAs('anna-sub-1'));
    await made.store.db.updateTable('accounts').set({ disabled_at: new Date().toISOString() }).execute();
    expectRefused(await signInAs('anna-sub-1'));
    expect(await audit('account.sign-in-failed')).toMatchObject([
      { object_ids: JSON.stringify([me?.id]), details: JSON.stringify({ method: 'oidc', reason: 'disabled' }) },
    ]);
  });

  it('sends the browser back with a reason while the provider cannot be reached, and tries again next time', async () => {
    const port = await freePort();
    const offline = await buildServer(made.ctx, {
      language: 'en',
      publicUrls: [PUBLIC_URL],
      oidc: oidcSettings({
        issuer: `http://127.0.0.1:${port}`,
        clientId: 'koda',
        clientSecret: CLIENT_SECRET,
        publicUrl: PUBLIC_URL,
      }),
    });
    const begin = () => offline.inject({ method: 'GET', url: '/api/session/oidc' });
    try {
      const refused = await begin();
      expect(refused.statusCode).toBe(303);
      expect(refused.headers.location).toBe('/?sign-in-error=oidc.unavailable');
      expect(cookieOf(refused, 'koda_oidc')).toBeUndefined();
      // The provider comes up: the next sign-in discovers it, nothing of the failure is kept.
      const late = await startTestProvider({
        clientId: 'koda',
        clientSecret: CLIENT_SECRET,
        redirectUri: REDIRECT_URI,
        people: {},
        port,
      });
      try {
        const started = await begin();
        expect(String(started.headers.location)).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/auth\\?`));
        expect(cookieOf(started, 'koda_oidc')).toBeDefined();
      } finally {
        await late.close();
      }
    } finally {
      await offline.close();
    }
  });

  it('says the provider is configured, by the name the button shows', async () => {
    expect((await get('/api/session')).json()).toMatchObject({ mode: 'accounts', oidc: { name: 'Test University' } });
  });

  it('never lets the client secret into logs, the audit log, the store or an answer', async () => {
    const printed: string[] = [];
    const keep = (chunk: unknown) => {
      printed.push(String(chunk));
      return true;
    };
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation(keep),
      vi.spyOn(process.stderr, 'write').mockImplementation(keep),
      ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
        vi.spyOn(console, level).mockImplementation((...args) => void keep(args.join(' '))),
      ),
    ];
    try {
      await signInAs('anna-sub-1');
      provider.tamperNextIdToken();
      await signInAs('anna-sub-1');
      const { location, cookie } = await begin();
      const answer = await provider.signIn(location, 'bo-sub-2');
      answer.searchParams.set('state', 'forged');
      await callback(answer, cookie);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(printed.join('\n')).not.toContain(CLIENT_SECRET);
    for (const res of answers) expect(JSON.stringify({ headers: res.headers, body: res.body })).not.toContain(CLIENT_SECRET);
    let rows = 0;
    for (const table of await storeTables(made.store)) {
      const { rows: all } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(made.store.db);
      rows += all.length;
      expect(JSON.stringify(all, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v))).not.toContain(
        CLIENT_SECRET,
      );
    }
    expect(rows).toBeGreaterThan(0);
    expect(await audit('account.sign-in-failed')).toHaveLength(2);
  });
});

describe('what koda serve is told about the provider', () => {
  const complete = {
    issuer: 'https://idp.uni.example',
    clientId: 'koda',
    clientSecret: 's',
    publicUrl: 'https://koda.uni.example',
  };
  const refusal = (input: Parameters<typeof oidcSettings>[0]) => {
    try {
      oidcSettings(input);
    } catch (e) {
      return e instanceof KodaError ? `${e.code} ${JSON.stringify(e.params)}` : String(e);
    }
    return 'accepted';
  };

  it('takes all of issuer, client id and secret, or none', () => {
    expect(oidcSettings({})).toBeUndefined();
    expect(oidcSettings(complete)).toMatchObject({
      redirectUri: new URL('https://koda.uni.example/api/session/oidc/callback'),
      name: 'idp.uni.example',
    });
    expect(refusal({ ...complete, clientSecret: undefined })).toBe('oidc.incomplete {"missing":"KODA_OIDC_CLIENT_SECRET"}');
    expect(refusal({ clientId: 'koda' })).toBe('oidc.incomplete {"missing":"--oidc-issuer, KODA_OIDC_CLIENT_SECRET"}');
  });

  it('needs https for a provider elsewhere, and a public URL to come back to', () => {
    expect(refusal({ ...complete, issuer: 'http://idp.uni.example' })).toBe('oidc.issuer-url {"url":"http://idp.uni.example"}');
    expect(refusal({ ...complete, issuer: 'http://127.0.0.1:8080' })).toBe('accepted');
    expect(refusal({ ...complete, issuer: 'not a url' })).toBe('oidc.issuer-url {"url":"not a url"}');
    expect(refusal({ ...complete, publicUrl: undefined })).toBe('oidc.public-url {}');
  });
});
