import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { addPseudonym } from '../../src/commands/addPseudonym.js';
import { attachRecording } from '../../src/commands/attachRecording.js';
import { copyStore } from '../../src/commands/copyStore.js';
import { createDemoProject } from '../../src/commands/createDemoProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { listPseudonyms } from '../../src/commands/listPseudonyms.js';
import { moveCode } from '../../src/commands/moveCode.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { searchText } from '../../src/commands/searchText.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import { copyIntoDataFolder, INCOMING_FOLDER } from '../../src/store/copy.js';
import { openStore, type Store } from '../../src/store/db.js';
import { isEncrypted } from '../../src/store/encryption.js';
import { pieces, speech } from '../audio.js';
import { dumpTables, kodaError, studyFixture } from '../commands/fixtures.js';
import { createTestDatabase } from '../engine.js';
import { storeTables, totalRows } from '../helpers.js';

/**
 * A study moved between engines (issue 13): a realistic embedded store (the demo, a second
 * project with coding, an original file, a signed consent form, memos, an undoable history, an
 * encrypted variant) copied into PostgreSQL and back, and compared table by table.
 */

const NOT_COPIED = /^(kysely_migration|search_sources$|search_paragraphs|sqlite_)/;
const PASSPHRASE = 'correct horse battery';
const PSEUDONYM_SECRET = 'hemlig nyckelfras';
/** An original whose bytes are not its text: a byte-order mark and Windows line ends. */
const ORIGINAL = Buffer.from('\uFEFFI: Hej Kerstin\r\n\r\nKerstin: Hej, välkommen.\r\n', 'utf8');
/** A "signed form": every byte value, so the copy must keep bytes exactly. */
const FORM = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);

let work: string;
let plain: string;
let encrypted: string;
const databases: { drop: () => Promise<void> }[] = [];

async function database(options: { empty?: boolean } = {}): Promise<string> {
  const made = await createTestDatabase(options);
  databases.push(made);
  return made.url;
}

/** The study, as a researcher leaves it: the last thing they did is a memo, which undo takes back. */
async function buildStudy(dir: string, passphrase?: string): Promise<void> {
  const store = await openStore(dir, { passphrase });
  const ctx: CommandContext = { store, actor: 'anna' };
  try {
    await createDemoProject(ctx);
    const s = await studyFixture(ctx);
    // A parent newer than its child and a page of rows (read in id order) later: a copy writing
    // rows as they come would meet the reference before the parent.
    for (let i = 0; i < 60; i++) await addCode(ctx, { project: s.p, name: `tema ${i}` });
    await moveCode(ctx, { project: s.p, code: 'Hinder', parent: 'tema 59' });
    await importSource(ctx, { project: s.p, fileName: 'kerstin.txt', bytes: ORIGINAL, newCase: 'Kerstin' });
    // A recording of two chunks: rows of 256 KiB, paged by their bytes.
    const recording = speech(work, 2, 'wav').bytes;
    await attachRecording(ctx, { project: s.p, source: 'kerstin', fileName: 'kerstin.wav', content: pieces(recording) });
    await recordConsent(ctx, {
      project: s.p,
      case: 'Albin',
      letterVersion: 'v2',
      consentedOn: '2024-03-01',
      form: { fileName: 'samtycke.pdf', bytes: FORM },
    });
    // The pseudonym key lives in the store: it goes along, still encrypted under its secret.
    await addPseudonym({ ...ctx, pseudonymSecret: PSEUDONYM_SECRET }, { project: s.p, real: 'Kerstin', fictive: 'Karin' });
    await writeMemo(ctx, { project: s.p, title: 'Sista', body: 'Skrivet sist' });
  } finally {
    await store.close();
  }
}

const sqliteStore = (dir: string, passphrase?: string) => openStore(dir, { passphrase });
const postgresStore = (url: string) => openStore(join(work, 'unused'), { database: url });

async function withStore<T>(opening: Promise<Store>, read: (store: Store) => Promise<T>): Promise<T> {
  const store = await opening;
  try {
    return await read(store);
  } finally {
    await store.close();
  }
}

/** Every copied table's rows, ordered by id; the copies' own audit events left out. */
async function dump(store: Store) {
  const tables = (await storeTables(store)).filter((t) => !NOT_COPIED.test(t));
  const rows = await dumpTables(store, tables);
  rows.audit_events = (rows.audit_events ?? []).filter((e) => e.action !== 'store.copy');
  return rows;
}

const copyTo = (dataDir: string, url: string, passphrase?: string) =>
  copyStore('anna', { direction: 'to', url, dataDir, ...(passphrase ? { passphrase } : {}) });
const copyFrom = (dataDir: string, url: string, passphrase?: string) =>
  copyStore('anna', { direction: 'from', url, dataDir, ...(passphrase ? { passphrase } : {}) });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'koda-copy-'));
  plain = join(work, 'plain');
  encrypted = join(work, 'encrypted');
  await buildStudy(plain);
  await buildStudy(encrypted, PASSPHRASE);
}, 120_000);

afterAll(async () => {
  for (const d of databases) await d.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('copying a study from SQLite to PostgreSQL and back', () => {
  it('keeps every row of every table, bytes exactly; undo works on each copy', async () => {
    const original = await withStore(sqliteStore(plain), dump);
    expect(original.attachments?.some((a) => Buffer.compare(a.bytes as Buffer, FORM) === 0)).toBe(true);
    expect(original.original_pieces?.some((s) => Buffer.compare(s.bytes as Buffer, ORIGINAL) === 0)).toBe(true);
    expect(original.history_entries?.length).toBeGreaterThan(5);
    expect(original.pseudonym_keys).toHaveLength(1);
    expect(original.recording_chunks).toHaveLength(2);

    const url = await database();
    const there = await copyTo(plain, url);
    expect(there.from.engine).toBe('sqlite');
    expect(there.to).toEqual({ engine: 'postgres', location: expect.stringContaining('koda_test_') });
    expect(there.rows).toBe(Object.values(original).reduce((n, rows) => n + rows.length, 0));
    expect(there.tables.map((t) => t.table).sort()).toEqual(Object.keys(original).sort());
    expect(await withStore(postgresStore(url), dump)).toEqual(original);

    const back = join(work, 'back');
    const home = await copyFrom(back, url);
    expect(home.to).toEqual({ engine: 'sqlite', location: back });
    // The same content hash on both engines: the canonical form of a row is engine-neutral.
    expect(home.tables).toEqual(
      there.tables.map((t) => (t.table === 'audit_events' ? { ...t, rows: t.rows + 1, hash: expect.any(String) } : t)),
    );
    expect(await withStore(sqliteStore(back), dump)).toEqual(original);
    expect(existsSync(join(back, INCOMING_FOLDER))).toBe(false);

    for (const copy of [postgresStore(url), sqliteStore(back)]) {
      await withStore(copy, async (store) => {
        const ctx = { store, actor: 'anna' };
        const project = await store.db.selectFrom('projects').select('id').where('name', '=', 'Omega').executeTakeFirstOrThrow();
        const map = await listPseudonyms({ ...ctx, pseudonymSecret: PSEUDONYM_SECRET }, { project: project.id });
        expect(JSON.stringify(map)).toContain('Kerstin');
        // The search index was left behind; the first search builds it.
        expect((await searchText(ctx, { project: project.id, query: 'välkommen' })).paragraphs).toBe(1);
        await undo(ctx, { project: project.id });
        expect(await store.db.selectFrom('memos').select('id').where('title', '=', 'Sista').execute()).toEqual([]);
        const copies = await store.db
          .selectFrom('audit_events')
          .selectAll()
          .where('action', '=', 'store.copy')
          .orderBy('id')
          .execute();
        expect(copies.at(-1)).toMatchObject({ actor: 'anna', project_id: null, object_ids: '[]' });
        expect(JSON.parse(copies.at(-1)?.details as string)).toMatchObject({ tables: there.tables.length });
      });
    }
  });

  it('copies an encrypted store with its passphrase, and back into a store encrypted under it', async () => {
    const original = await withStore(sqliteStore(encrypted, PASSPHRASE), dump);
    const url = await database();
    expect((await kodaError(copyTo(encrypted, url))).code).toBe('store.key-required');
    expect(await withStore(postgresStore(url), totalRows)).toBe(0);

    await copyTo(encrypted, url, PASSPHRASE);
    expect(await withStore(postgresStore(url), dump)).toEqual(original);
    const back = join(work, 'encrypted-back');
    await copyFrom(back, url, PASSPHRASE);
    expect(isEncrypted(back)).toBe(true);
    expect((await kodaError(sqliteStore(back))).code).toBe('store.key-required');
    expect(await withStore(sqliteStore(back, PASSPHRASE), dump)).toEqual(original);
  });
});

describe('a copy that cannot be made whole leaves the target empty', () => {
  it('refuses a target that holds data, changing nothing', async () => {
    const url = await database();
    await copyTo(plain, url);
    const before = await withStore(postgresStore(url), (s) => dumpTables(s, ['audit_events', 'projects']));
    const refused = await kodaError(copyTo(plain, url));
    expect(refused.code).toBe('store.copy-target-not-empty');
    expect(await withStore(postgresStore(url), (s) => dumpTables(s, ['audit_events', 'projects']))).toEqual(before);

    // Back into the data folder the study came from: it has data.
    expect((await kodaError(copyFrom(plain, url))).code).toBe('store.copy-target-not-empty');
    expect(existsSync(join(plain, INCOMING_FOLDER))).toBe(false);
  });

  it('rolls PostgreSQL back when the copy fails half-way', async () => {
    const url = await database();
    let tablesDone = 0;
    const failing = copyStore(
      'anna',
      { direction: 'to', url, dataDir: plain },
      {
        afterTable: async (table) => {
          tablesDone++;
          if (table === 'segments') throw new Error('connection lost');
        },
      },
    );
    await expect(failing).rejects.toThrow('connection lost');
    expect(tablesDone).toBeGreaterThan(5);
    expect(await withStore(postgresStore(url), totalRows)).toBe(0);
  });

  it('leaves the data folder without a store when a copy into it fails half-way; the next copy clears what was left', async () => {
    const url = await database();
    await copyTo(plain, url);
    const back = join(work, 'half');
    await withStore(postgresStore(url), async (source) => {
      const failing = copyIntoDataFolder(source, back, undefined, {
        afterTable: async (table) => {
          if (table === 'codes') throw new Error('disk full');
        },
      });
      await expect(failing).rejects.toThrow('disk full');
    });
    expect(existsSync(join(back, 'koda.db'))).toBe(false);

    // As a kill -9 would leave it: a half-written folder, which the next copy removes first.
    mkdirSync(join(back, INCOMING_FOLDER), { recursive: true });
    writeFileSync(join(back, INCOMING_FOLDER, 'koda.db'), 'half a database');
    await copyFrom(back, url);
    expect(existsSync(join(back, INCOMING_FOLDER))).toBe(false);
    expect(await withStore(sqliteStore(back), dump)).toEqual(await withStore(sqliteStore(plain), dump));
  });

  it('refuses a copy whose content differs from the source, in text, in bytes or in rows', async () => {
    const tampering: [string, (db: Store['db']) => Promise<unknown>][] = [
      ['memos', (db) => db.updateTable('memos').set({ body: 'ändrad' }).where('title', '=', 'Sista').execute()],
      [
        'attachments',
        (db) =>
          db
            .updateTable('attachments')
            .set({ bytes: Buffer.from('%PDF-1.4\n') })
            .execute(),
      ],
      ['memos', (db) => db.deleteFrom('memos').where('title', '=', 'Sista').execute()],
    ];
    for (const [tampered, tamper] of tampering) {
      const url = await database();
      const refused = copyStore(
        'anna',
        { direction: 'to', url, dataDir: plain },
        {
          afterTable: async (table, db) => {
            if (table === tampered) await tamper(db);
          },
        },
      );
      const error = await kodaError(refused);
      expect(error).toMatchObject({ code: 'store.copy-mismatch', params: { table: tampered } });
      expect(await withStore(postgresStore(url), totalRows)).toBe(0);
    }
  });
});

describe('a target that is not a store Koda can write', () => {
  async function admin(url: string, statement: string): Promise<unknown[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query({ text: statement, rowMode: 'array' })).rows;
    } finally {
      await client.end();
    }
  }
  const scalar = async (url: string, query: string) => ((await admin(url, query))[0] as unknown[])[0];

  it('is refused in one line, nothing written: unreachable, not Koda’s, a newer Koda’s, read-only', async () => {
    expect((await kodaError(copyTo(plain, 'postgres://postgres@127.0.0.1:1/koda'))).code).toBe('store.unreachable');

    const foreign = await database({ empty: true });
    await admin(foreign, 'create table invoices (id int)');
    expect((await kodaError(copyTo(plain, foreign))).code).toBe('store.not-koda');

    const newer = await database();
    await withStore(postgresStore(newer), async () => {});
    await admin(newer, `insert into kysely_migration (name, timestamp) values ('999_future', now()::text)`);
    expect((await kodaError(copyTo(plain, newer))).code).toBe('store.newer-version');

    const readOnly = await database();
    await admin(readOnly, `alter database ${new URL(readOnly).pathname.slice(1)} set default_transaction_read_only = on`);
    expect((await kodaError(copyTo(plain, readOnly))).code).toBe('store.read-only');

    expect(await scalar(foreign, `select count(*)::int from information_schema.tables where table_name = 'projects'`)).toBe(0);
    expect(await scalar(newer, 'select count(*)::int from audit_events')).toBe(0);
  });

  it('refuses a data folder with no store to copy, creating none', async () => {
    const empty = join(work, 'nothing-here');
    expect((await kodaError(copyTo(empty, await database()))).code).toBe('store.copy-no-source');
    expect(existsSync(empty)).toBe(false);
  });
});
