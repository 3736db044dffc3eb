import { existsSync, linkSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChangeRecorder } from '../../src/store/changes.js';
import type { Store } from '../../src/store/db.js';
import { newId } from '../../src/store/ids.js';
import { adoptKeyFiles, legacyKeyFile, PseudonymKey } from '../../src/store/pseudonymKey.js';
import { onPostgres } from '../engine.js';
import { tempStore } from '../helpers.js';

const SECRET = 'Pangolinregn-5170';

let store: Store;
let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ store, dir, cleanup } = await tempStore());
});
afterEach(() => cleanup());

async function newProject(name: string): Promise<string> {
  const id = newId();
  await store.db
    .insertInto('projects')
    .values({ id, name, language: 'sv', description: '', created_at: '2026-01-01T00:00:00Z' })
    .execute();
  return id;
}

/** Seals `real` into the project's key row, as a command does. */
async function writeKey(projectId: string, real: string[]): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    const key = await PseudonymKey.open(trx, projectId, SECRET);
    key.entries.push({ id: newId(), real });
    await key.save(new ChangeRecorder(trx));
  });
}

const keyRows = () => store.db.selectFrom('pseudonym_keys').selectAll().execute();

/** A key file as embedded stores wrote them before migration 005: the sealed key, as the row holds it. */
async function legacyFile(projectId: string, real: string[]): Promise<string> {
  await writeKey(projectId, real);
  const { key } = await store.db
    .selectFrom('pseudonym_keys')
    .select('key')
    .where('project_id', '=', projectId)
    .executeTakeFirstOrThrow();
  await store.db.deleteFrom('pseudonym_keys').where('project_id', '=', projectId).execute();
  const file = legacyKeyFile(dir, projectId);
  mkdirSync(join(dir, 'keys'), { recursive: true });
  writeFileSync(file, key);
  return file;
}

describe('a pseudonym key in the store', () => {
  it('is one sealed row per project: the real forms only with the secret, never in plaintext', async () => {
    const p = await newProject('P');
    await writeKey(p, ['Kerstin']);
    const first = JSON.parse((await keyRows())[0]?.key ?? '');
    await writeKey(p, ['Hammarkullen']);
    const rows = await keyRows();
    expect(rows).toHaveLength(1);
    // GCM must never seal twice under one key and IV.
    expect(JSON.parse(rows[0]?.key ?? '').iv).not.toBe(first.iv);
    expect(rows[0]?.key).not.toMatch(/Kerstin|Hammarkullen/);
    expect((await PseudonymKey.open(store.db, p, SECRET)).entries.map((e) => e.real)).toEqual([['Kerstin'], ['Hammarkullen']]);
    await expect(PseudonymKey.open(store.db, p, 'fel')).rejects.toMatchObject({ code: 'pseudonym.wrong-secret' });
    await expect(PseudonymKey.open(store.db, p, undefined)).rejects.toMatchObject({ code: 'pseudonym.secret-required' });
  });

  it('goes with its project: deleting the project deletes its key row, not another project’s', async () => {
    const [p, q] = [await newProject('P'), await newProject('Q')];
    await writeKey(p, ['Kerstin']);
    await writeKey(q, ['Albin']);
    await store.db.deleteFrom('projects').where('id', '=', p).execute();
    expect((await keyRows()).map((r) => r.project_id)).toEqual([q]);
  });

  it('belongs to a project that exists', async () => {
    await expect(
      store.db
        .insertInto('pseudonym_keys')
        .values({ id: newId(), project_id: 'ingen', key: '{}', updated_at: '2026-01-01T00:00:00Z' })
        .execute(),
    ).rejects.toThrow();
  });
});

describe.skipIf(onPostgres)('the key files of an embedded store from before migration 005', () => {
  it('are moved into the table as they are, and the file overwritten before it is removed', async () => {
    const p = await newProject('P');
    const file = await legacyFile(p, ['Kerstin']);
    const sealed = readFileSync(file, 'utf8');
    // A second name for the file's data: what it holds after the move is what the disk keeps.
    const witness = join(dir, 'witness');
    linkSync(file, witness);
    await adoptKeyFiles(store);
    expect(existsSync(file)).toBe(false);
    expect((await keyRows()).map((r) => [r.project_id, r.key])).toEqual([[p, sealed]]);
    expect((await PseudonymKey.open(store.db, p, SECRET)).entries.map((e) => e.real)).toEqual([['Kerstin']]);
    const left = readFileSync(witness);
    expect(left.length).toBe(Buffer.byteLength(sealed));
    expect(left.includes(Buffer.from(JSON.parse(sealed).data))).toBe(false);
    expect(left.includes(Buffer.from('"kdf"'))).toBe(false);
  });

  it('are moved once: a file left beside a key row (an interrupted move) goes, the row stays', async () => {
    const p = await newProject('P');
    const file = await legacyFile(p, ['Kerstin']);
    const old = readFileSync(file, 'utf8');
    await writeKey(p, ['Albin']);
    const row = await keyRows();
    writeFileSync(file, old);
    await adoptKeyFiles(store);
    expect(existsSync(file)).toBe(false);
    expect(await keyRows()).toEqual(row);
    await adoptKeyFiles(store);
    expect(await keyRows()).toEqual(row);
  });

  it('are kept when they are no key or name no project of the store: a key is never thrown away on a guess', async () => {
    const p = await newProject('P');
    const other = await legacyFile(p, ['Kerstin']);
    await store.db.deleteFrom('projects').where('id', '=', p).execute();
    const broken = legacyKeyFile(dir, await newProject('Q'));
    writeFileSync(broken, 'inte json');
    await adoptKeyFiles(store);
    expect(await keyRows()).toEqual([]);
    expect(existsSync(other)).toBe(true);
    expect(readFileSync(broken, 'utf8')).toBe('inte json');
  });
});

describe.skipIf(!onPostgres)('a team store', () => {
  it('leaves the data folder’s key files alone: they belong to its embedded store', async () => {
    const p = await newProject('P');
    const file = await legacyFile(p, ['Kerstin']);
    await adoptKeyFiles(store);
    expect(existsSync(file)).toBe(true);
    expect(await keyRows()).toEqual([]);
  });
});
