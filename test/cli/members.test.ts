import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore } from '../helpers.js';
import { account } from '../people.js';
import { koda } from './run.js';

let env: Awaited<ReturnType<typeof tempStore>>;

beforeEach(async () => {
  env = await tempStore();
  await account(env.store, 'eva');
  await account(env.store, 'olle');
  expect((await koda(env, ['project', 'create', 'Omega'])).code).toBe(0);
});
afterEach(() => env.cleanup());

describe('koda member', () => {
  it('adds, lists, re-roles and removes members, in the user’s language', async () => {
    const added = await koda(env, ['member', 'add', '--project', 'Omega', 'eva', '--role', 'owner']);
    expect(added).toMatchObject({ code: 0, stdout: 'Added eva to "Omega" as owner.\n' });
    await koda(env, ['member', 'add', '--project', 'Omega', 'olle', '--role', 'viewer']);
    expect((await koda(env, ['member', 'list', '--project', 'Omega'])).stdout).toBe('eva\towner\nolle\tviewer\n');
    const sv = await koda(env, ['member', 'role', '--project', 'Omega', 'olle', '--role', 'coder'], { KODA_LANG: 'sv' });
    expect(sv.stdout).toBe('olle är nu kodare i "Omega".\n');
    expect((await koda(env, ['member', 'remove', '--project', 'Omega', 'olle'])).stdout).toBe('Removed olle from "Omega".\n');
    expect((await koda(env, ['member', 'list', '--project', 'Omega', '--json'])).json().members).toHaveLength(1);
  });

  it('refuses an unknown account, a bad role and removing the last owner with one line and exit code 1', async () => {
    await koda(env, ['member', 'add', '--project', 'Omega', 'eva', '--role', 'owner']);
    for (const args of [
      ['member', 'add', '--project', 'Omega', 'kim', '--role', 'coder'],
      ['member', 'add', '--project', 'Omega', 'olle', '--role', 'admin'],
      ['member', 'remove', '--project', 'Omega', 'eva'],
    ]) {
      const r = await koda(env, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect((await koda(env, ['member', 'list', '--project', 'Omega'])).stdout).toBe('eva\towner\n');
  });
});
