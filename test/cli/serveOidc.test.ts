import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../reliability/server.js';
import { startTestProvider } from '../server/oidcProvider.js';
import { koda } from './run.js';

const SECRET = 'serve-oidc-secret-4b1d9e';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-oidc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('koda serve with the university’s identity provider', () => {
  it('refuses an incomplete or unsafe provider setting in one line, before opening a store', async () => {
    const site = ['--public-url', 'https://koda.uni.example'];
    const refusals: [string[], Record<string, string>, RegExp][] = [
      [
        ['--oidc-issuer', 'https://idp.uni.example', ...site],
        {},
        /^koda: Sign-in with an identity provider needs .* missing: --oidc-client-id, KODA_OIDC_CLIENT_SECRET\.\n$/,
      ],
      [
        ['--oidc-issuer', 'http://idp.uni.example', '--oidc-client-id', 'koda', ...site],
        { KODA_OIDC_CLIENT_SECRET: SECRET },
        /^koda: --oidc-issuer "http:\/\/idp.uni.example" must be an https:\/\/ address .*\n$/,
      ],
      [
        ['--oidc-issuer', 'https://idp.uni.example', '--oidc-client-id', 'koda'],
        { KODA_OIDC_CLIENT_SECRET: SECRET },
        /^koda: Sign-in with an identity provider needs --public-url: .*\n$/,
      ],
    ];
    for (const [args, env, line] of refusals) {
      const r = await koda(join(dir, 'data'), ['serve', '--port', '0', ...args], env);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(line);
      expect(r.stderr).not.toContain(SECRET);
    }
    expect(existsSync(join(dir, 'data', 'koda.db'))).toBe(false);
  });

  it('signs a person in through the provider, the secret taken from the environment only', async () => {
    const port = await freePort();
    const site = `http://127.0.0.1:${port}`;
    const provider = await startTestProvider({
      clientId: 'koda',
      clientSecret: SECRET,
      redirectUri: `${site}/api/session/oidc/callback`,
      people: { 'anna-sub-1': { preferred_username: 'anna' } },
    });
    // The data folder's store, whatever database the shell running the tests names.
    const { KODA_DATABASE_URL: _database, ...shell } = process.env;
    const env = { ...shell, KODA_LANG: 'en', KODA_OIDC_CLIENT_SECRET: SECRET };
    const args = ['bin/koda.js', '--data', join(dir, 'data'), 'serve', '--port', String(port), '--no-demo'];
    const oidcArgs = ['--public-url', site, '--oidc-issuer', provider.issuer, '--oidc-client-id', 'koda', '--oidc-name', 'Uni'];
    const child = spawn(process.execPath, [...args, ...oidcArgs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let printed = '';
    child.stdout.on('data', (d: Buffer) => {
      printed += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      printed += d.toString();
    });
    try {
      await listening(child, () => printed);
      expect(printed).toContain('Accounts mode');
      const started = await fetch(`${site}/api/session/oidc`, { redirect: 'manual' });
      expect(started.status).toBe(303);
      const pending = started.headers.getSetCookie()[0]?.split(';')[0] ?? '';
      const answer = await provider.signIn(String(started.headers.get('location')), 'anna-sub-1');
      const back = await fetch(answer, { redirect: 'manual', headers: { cookie: pending } });
      expect(back.headers.get('location')).toBe('/');
      const session =
        back.headers
          .getSetCookie()
          .find((c) => c.startsWith('koda_session='))
          ?.split(';')[0] ?? '';
      const me = await (await fetch(`${site}/api/session`, { headers: { cookie: session } })).json();
      expect(me).toMatchObject({ mode: 'accounts', account: { name: 'anna', kind: 'oidc' }, oidc: { name: 'Uni' } });
      expect(child.spawnargs.join(' ')).not.toContain(SECRET);
    } finally {
      child.kill('SIGTERM');
      await provider.close();
    }
    expect(printed).not.toContain(SECRET);
  });
});

/** Waits for `koda serve` to say where it runs; fails with what it printed if it ends first. */
async function listening(child: ChildProcess, printed: () => string) {
  for (let i = 0; i < 600 && !printed().includes('Koda is running at'); i++) {
    if (child.exitCode !== null) throw new Error(`koda serve ended: ${printed()}`);
    await sleep(100);
  }
  if (!printed().includes('Koda is running at')) throw new Error(`koda serve did not start: ${printed()}`);
}
