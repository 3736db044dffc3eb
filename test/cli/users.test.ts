import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { koda } from './run.js';

let dir: string;
let data: string;
const PASSWORD = 'ett långt lösenord för Anna';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-users-'));
  data = join(dir, 'data');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('koda user add|list|password|disable', () => {
  it('adds an account with the password from standard input, lists it, changes its password and disables it', async () => {
    const added = await koda(
      data,
      ['user', 'add', 'Anna', '--email', 'anna@example.se', '--password-stdin'],
      {},
      `${PASSWORD}\n`,
    );
    expect([added.code, added.stdout, added.stderr]).toEqual([0, 'Added the account "Anna".\n', '']);
    expect((await koda(data, ['user', 'list'])).stdout).toBe('Anna\tpassword\tanna@example.se\n');
    const changed = await koda(data, ['user', 'password', 'Anna', '--password-stdin'], {}, 'ett annat långt lösenord\n');
    expect(changed.stdout).toBe('Set a new password for "Anna"; its sessions ended.\n');
    expect((await koda(data, ['user', 'disable', 'Anna'])).stdout).toBe('Disabled "Anna"; 0 sessions ended.\n');
    const listed = (await koda(data, ['user', 'list', '--json'])).json();
    expect(listed).toEqual([expect.objectContaining({ name: 'Anna', kind: 'password', disabled: true, locked: false })]);
    expect(JSON.stringify(listed)).not.toMatch(/scrypt|lösenord/);
  });

  it('refuses in one line, changing nothing: a short password, no password without a terminal, a taken name', async () => {
    const short = await koda(data, ['user', 'add', 'Bo', '--password-stdin'], {}, 'kort\n');
    expect([short.code, short.stderr]).toEqual([1, 'koda: A password must be 12 to 1024 characters long.\n']);
    const none = await koda(data, ['user', 'add', 'Bo']);
    expect(none.stderr).toBe('koda: Give the password on a terminal, or on standard input with --password-stdin.\n');
    expect((await koda(data, ['user', 'list', '--json'])).json()).toEqual([]);
    await koda(data, ['user', 'add', 'Bo', '--password-stdin'], {}, PASSWORD);
    const taken = await koda(data, ['user', 'add', 'Bo', '--password-stdin'], {}, PASSWORD);
    expect(taken.stderr).toBe('koda: An account named "Bo" already exists.\n');
  });

  it('speaks Swedish', async () => {
    const r = await koda(data, ['--lang', 'sv', 'user', 'disable', 'Nobody']);
    expect(r.stderr).toBe('koda: Inget konto heter "Nobody".\n');
  });
});
