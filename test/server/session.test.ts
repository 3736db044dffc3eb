import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/commands/accounts/addAccount.js';
import { disableAccount } from '../../src/commands/accounts/disableAccount.js';
import { buildServer } from '../../src/server/app.js';
import { type Study, studyFixture } from '../commands/fixtures.js';
import { inject, tempContext } from '../helpers.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let app: FastifyInstance;
let study: Study;
const PASSWORD = 'ett långt lösenord för Anna';
/** A request that brings no session of its own (test/helpers.ts inject would sign in locally). */
const NO_SESSION = { cookie: '' };

beforeEach(async () => {
  // The server's own user: what the layer must never be named after.
  env = await tempContext('os-user');
  study = await studyFixture(env.ctx);
});
afterEach(async () => {
  await app.close();
  await env.cleanup();
});

const sessionCookie = (res: { headers: Record<string, unknown> }) => {
  const header = res.headers['set-cookie'];
  return String(Array.isArray(header) ? header[0] : header);
};
const cookieOf = (res: { headers: Record<string, unknown> }) => sessionCookie(res).split(';')[0] ?? '';
const whoAmI = async (cookie: string) => (await inject(app, { method: 'GET', url: '/api/session', headers: { cookie } })).json();

describe('local mode (the laptop: no accounts with a secret)', () => {
  beforeEach(async () => {
    app = await buildServer(env.ctx, { language: 'en' });
  });

  it('says so, takes the name once and sets an HttpOnly, SameSite=Lax cookie that expires and is not Secure over http', async () => {
    expect(await whoAmI('')).toEqual({ account: null, mode: 'local', oidc: null });
    const res = await inject(app, { method: 'POST', url: '/api/session/local', headers: NO_SESSION, payload: { name: 'Zozan' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().account).toMatchObject({ name: 'Zozan', kind: 'local' });
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/^koda_session=[A-Za-z0-9_-]{43}; /);
    expect(cookie.split('; ').slice(1).sort()).toEqual(['HttpOnly', 'Max-Age=43200', 'Path=/', 'SameSite=Lax']);
    expect((await whoAmI(cookieOf(res))).account).toMatchObject({ name: 'Zozan' });
  });

  it('names the layer after the name given, not the operating-system user', async () => {
    const cookie = cookieOf(
      await inject(app, { method: 'POST', url: '/api/session/local', headers: NO_SESSION, payload: { name: 'Zozan' } }),
    );
    const coded = await inject(app, {
      method: 'POST',
      url: `/api/projects/${study.p}/segments`,
      headers: { cookie },
      payload: { source: study.source, code: study.codes.hinder, start: 0, end: 4 },
    });
    expect(coded.statusCode).toBe(201);
    const row = await env.store.db
      .selectFrom('segments')
      .innerJoin('coders', 'coders.id', 'segments.coder_id')
      .select('coders.name')
      .where('segments.id', '=', coded.json().id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Zozan');
  });

  it('lets a local session in no more once the store has accounts', async () => {
    const res = await inject(app, { method: 'POST', url: '/api/session/local', headers: NO_SESSION, payload: { name: 'Zozan' } });
    const cookie = cookieOf(res);
    expect((await whoAmI(cookie)).account).toMatchObject({ name: 'Zozan' });
    await addAccount(env.ctx, { name: 'Anna', password: PASSWORD });
    expect(await whoAmI(cookie)).toMatchObject({ account: null, mode: 'accounts' });
    const project = await inject(app, { method: 'GET', url: '/api/projects/Omega/coders', headers: { cookie } });
    expect(project.statusCode).toBe(401);
  });

  it('refuses an empty name in one line and signs no one in', async () => {
    const res = await inject(app, { method: 'POST', url: '/api/session/local', headers: NO_SESSION, payload: { name: ' ' } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(await env.store.db.selectFrom('accounts').selectAll().execute()).toEqual([]);
  });
});

describe('accounts mode', () => {
  beforeEach(async () => {
    await addAccount(env.ctx, { name: 'Anna', password: PASSWORD });
    app = await buildServer(env.ctx, { language: 'en' });
  });
  const signIn = (name: string, password: string) =>
    inject(app, { method: 'POST', url: '/api/session', headers: NO_SESSION, payload: { name, password } });

  it('has no local sign-in: the route answers as if absent', async () => {
    expect((await whoAmI('')).mode).toBe('accounts');
    const res = await inject(app, { method: 'POST', url: '/api/session/local', headers: NO_SESSION, payload: { name: 'Anna' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers a wrong password and an unknown name with the same status and body', async () => {
    const wrong = await signIn('Anna', 'fel lösenord men långt');
    const unknown = await signIn('Okänd', 'fel lösenord men långt');
    expect(wrong.statusCode).toBe(403);
    expect([unknown.statusCode, unknown.body]).toEqual([wrong.statusCode, wrong.body]);
    expect(wrong.json().error.code).toBe('auth.failed');
    expect(wrong.headers['set-cookie'] ?? unknown.headers['set-cookie']).toBeUndefined();
  });

  it('signs in with the password; the session ends on sign-out', async () => {
    const res = await signIn('Anna', PASSWORD);
    expect(res.statusCode).toBe(200);
    const cookie = cookieOf(res);
    expect((await whoAmI(cookie)).account).toMatchObject({ name: 'Anna', kind: 'password' });
    const out = await inject(app, { method: 'DELETE', url: '/api/session', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(sessionCookie(out)).toMatch(/^koda_session=; /);
    expect((await whoAmI(cookie)).account).toBeNull();
  });

  it("stops a disabled account's open session at once", async () => {
    const cookie = cookieOf(await signIn('Anna', PASSWORD));
    await disableAccount(env.ctx, { name: 'Anna' });
    expect((await whoAmI(cookie)).account).toBeNull();
    const res = await inject(app, { method: 'GET', url: '/api/projects', headers: { cookie } });
    expect(res.statusCode).toBe(401);
  });
});

describe('behind an https public URL', () => {
  beforeEach(async () => {
    await addAccount(env.ctx, { name: 'Anna', password: PASSWORD });
    app = await buildServer(env.ctx, { language: 'en', publicUrls: ['https://koda.example.se'] });
  });

  it('answers requests to that name and makes the cookie Secure', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/api/session',
      headers: { ...NO_SESSION, host: 'koda.example.se', origin: 'https://koda.example.se' },
      payload: { name: 'Anna', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res).split('; ')).toContain('Secure');
    // __Host-: only this host, Secure, every path; the session works under that name.
    expect(sessionCookie(res)).toMatch(/^__Host-koda_session=[^;]+; .*Path=\//);
    const me = await inject(app, {
      method: 'GET',
      url: '/api/session',
      headers: { host: 'koda.example.se', cookie: cookieOf(res) },
    });
    expect(me.json().account?.name).toBe('Anna');
    const other = await inject(app, { method: 'GET', url: '/api/session', headers: { ...NO_SESSION, host: 'evil.example.com' } });
    expect(other.json().error.code).toBe('request.wrong-host');
  });
});
