import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { encryptStore } from '../../src/commands/encryptStore.js';
import { importSource } from '../../src/commands/importSource.js';
import { listProjects } from '../../src/commands/listProjects.js';
import { KodaError } from '../../src/core/errors.js';
import { openStore } from '../../src/store/db.js';
import { koda } from '../cli/run.js';
import { utf8 } from '../helpers.js';

const PHRASE = 'Zebraflygplan-7Q9-unik-fras';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-enc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Every byte the store has on disk: the database, its WAL and any journal. */
function filesContaining(needle: string): string[] {
  const bytes = Buffer.from(needle, 'utf8');
  return readdirSync(dir).filter((f) => f.startsWith('koda.db') && readFileSync(join(dir, f)).includes(bytes));
}

async function writePhrase(passphrase?: string) {
  const store = await openStore(dir, { passphrase });
  const ctx = { store, actor: 'tester' };
  await createProject(ctx, { name: 'Omega' });
  await importSource(ctx, { project: 'Omega', fileName: 'a.txt', bytes: utf8(`I: Hej\n\nAlbin: ${PHRASE}`) });
  return { store, ctx };
}

describe('encryption at rest', () => {
  it('control: a plaintext store shows the phrase in its files', async () => {
    const { store } = await writePhrase();
    await store.close();
    expect(filesContaining(PHRASE)).toEqual(['koda.db']);
  });

  it('keeps a new store encrypted: the phrase is in no database, WAL or journal file', async () => {
    const { store } = await writePhrase('correct horse battery');
    expect(filesContaining(PHRASE)).toEqual([]); // WAL still open
    await store.close();
    expect(readdirSync(dir)).toContain('koda.key.json');
    expect(filesContaining(PHRASE)).toEqual([]);
    expect(readFileSync(join(dir, 'koda.key.json'), 'utf8')).not.toContain('correct horse');
  });

  it('refuses to open without the key, or with a wrong one, and opens with the right one', async () => {
    const { store } = await writePhrase('correct horse battery');
    await store.close();
    await expect(openStore(dir)).rejects.toMatchObject({ code: 'store.key-required' });
    await expect(openStore(dir, { passphrase: 'wrong horse battery' })).rejects.toBeInstanceOf(KodaError);
    await expect(openStore(dir, { passphrase: 'wrong horse battery' })).rejects.toMatchObject({ code: 'store.wrong-key' });
    const again = await openStore(dir, { passphrase: 'correct horse battery' });
    expect((await listProjects({ store: again, actor: 't' }))[0]?.sources).toBe(1);
    await again.close();
  });

  it('encrypts an existing plaintext store in place, leaving no plaintext behind', async () => {
    const { store, ctx } = await writePhrase();
    await encryptStore(ctx, { passphrase: 'a long enough secret' });
    await store.close();
    expect(filesContaining(PHRASE)).toEqual([]);
    expect(existsSync(join(dir, 'koda.db-journal'))).toBe(false);
    const reopened = await openStore(dir, { passphrase: 'a long enough secret' });
    expect((await listProjects({ store: reopened, actor: 't' }))[0]?.name).toBe('Omega');
    await reopened.close();
  });

  it('changes the passphrase: the old one no longer opens the store', async () => {
    const { store, ctx } = await writePhrase('first passphrase');
    await encryptStore(ctx, { passphrase: 'second passphrase' });
    await store.close();
    await expect(openStore(dir, { passphrase: 'first passphrase' })).rejects.toMatchObject({ code: 'store.wrong-key' });
    await (await openStore(dir, { passphrase: 'second passphrase' })).close();
  });

  it('the CLI says clearly that the key is needed, and works with KODA_KEY', async () => {
    const { store } = await writePhrase('correct horse battery');
    await store.close();
    const locked = await koda(dir, ['project', 'list']);
    expect(locked.code).toBe(1);
    expect(locked.stderr).toBe('koda: This Koda store is encrypted: give its passphrase (KODA_KEY, or at the prompt).\n');
    const wrong = await koda(dir, ['project', 'list'], { KODA_KEY: 'nope nope nope' });
    expect(wrong.stderr).toBe('koda: Wrong passphrase for this Koda store; nothing was opened.\n');
    const open = await koda(dir, ['project', 'list', '--json'], { KODA_KEY: 'correct horse battery' });
    expect(open.json()[0].name).toBe('Omega');
  });
});
