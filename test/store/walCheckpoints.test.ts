import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactStore } from '../../src/store/compact.js';
import { openStore, type Store } from '../../src/store/db.js';
import { packageRoot } from '../../src/store/paths.js';
import { WriteLockSqliteDialect } from '../../src/store/writeLock.js';

/**
 * The server's store copies its WAL back on a worker thread (walCheckpoints.ts): a big commit
 * leaves the database file as it was (SQLite's own checkpoint inside COMMIT is off), and shortly
 * after the worker has copied it, on a plaintext and on an encrypted store, and after a rekey.
 */
let dir: string;
let store: Store | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-wal-'));
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const databaseBytes = () => statSync(join(dir, 'koda.db')).size;
const walBytes = () => (existsSync(join(dir, 'koda.db-wal')) ? statSync(join(dir, 'koda.db-wal')).size : 0);

/** About 8 MB in one transaction: 2000 pages, twice SQLite's automatic checkpoint threshold. */
async function writeBig(s: Store, tag: string): Promise<void> {
  await s.db.transaction().execute(async (tx) => {
    await sql`create table if not exists ballast (tag text, body blob)`.execute(tx);
    for (let i = 0; i < 8; i++) await sql`insert into ballast values (${tag}, randomblob(1000000))`.execute(tx);
  });
}

/** Waits (up to 10 s) until the database file has grown past `bytes` by 7 MB: the worker's checkpoint. */
async function grownPast(bytes: number): Promise<number> {
  for (let waited = 0; waited < 10_000 && databaseBytes() <= bytes + 7_000_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return databaseBytes();
}

describe('WAL checkpoints on a worker thread', () => {
  it("control: a command's store checkpoints inside the big COMMIT itself", async () => {
    store = await openStore(dir);
    const before = databaseBytes();
    await writeBig(store, 'a');
    expect(databaseBytes()).toBeGreaterThan(before + 7_000_000);
  });

  it("the server's store leaves the big COMMIT in the WAL and the worker copies it soon after", async () => {
    store = await openStore(dir, { checkpointInBackground: true });
    const before = databaseBytes();
    await writeBig(store, 'a');
    expect(databaseBytes()).toBe(before);
    expect(walBytes()).toBeGreaterThan(8_000_000);
    expect(await grownPast(before)).toBeGreaterThan(before + 7_000_000);
  });

  it('steady writes do not put the checkpoint off: it comes while they go on', async () => {
    store = await openStore(dir, { checkpointInBackground: true });
    await sql`create table ballast (tag text, body blob)`.execute(store.db);
    const before = databaseBytes();
    // A write of 1 MB every 100 ms for 3 s: never a lull of the checkpoint's 500 ms delay.
    let grewWhileWriting = false;
    for (let i = 0; i < 30; i++) {
      await sql`insert into ballast values ('steady', randomblob(1000000))`.execute(store.db);
      grewWhileWriting ||= databaseBytes() > before + 1_000_000;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(grewWhileWriting).toBe(true);
  });

  it('a WAL grown past 64 MB by one big transaction is cut back when it starts over', async () => {
    store = await openStore(dir);
    await store.db.transaction().execute(async (tx) => {
      await sql`create table ballast (tag text, body blob)`.execute(tx);
      for (let i = 0; i < 80; i++) await sql`insert into ballast values ('big', randomblob(1000000))`.execute(tx);
    });
    expect(walBytes()).toBeGreaterThan(80_000_000);
    await sql`insert into ballast values ('small', randomblob(10))`.execute(store.db);
    expect(walBytes()).toBeLessThanOrEqual(64 * 1024 * 1024);
  });

  it('works on an encrypted store, and again after its passphrase changes', async () => {
    store = await openStore(dir, { passphrase: 'first passphrase', checkpointInBackground: true });
    const before = databaseBytes();
    await writeBig(store, 'a');
    expect(databaseBytes()).toBe(before);
    const once = await grownPast(before);
    expect(once).toBeGreaterThan(before + 7_000_000);

    await store.rekey('second passphrase');
    await writeBig(store, 'b');
    expect(await grownPast(once)).toBeGreaterThan(once + 7_000_000);
    await store.close();

    store = await openStore(dir, { passphrase: 'second passphrase' });
    const { rows } = await sql<{ n: number }>`select count(*) as n from ballast`.execute(store.db);
    expect(rows[0]?.n).toBe(16);
  });

  it('compacting after an erasure empties the WAL while the worker is running', async () => {
    store = await openStore(dir, { checkpointInBackground: true });
    await writeBig(store, 'a');
    await sql`delete from ballast`.execute(store.db);
    await compactStore(store);
    expect(walBytes()).toBe(0);
    expect(databaseBytes()).toBeLessThan(1_000_000);
  });

  it('closing stops the worker: the last connection removes the WAL', async () => {
    store = await openStore(dir, { checkpointInBackground: true });
    await writeBig(store, 'a');
    await store.close();
    store = undefined;
    expect(existsSync(join(dir, 'koda.db-wal'))).toBe(false);
    expect(databaseBytes()).toBeGreaterThan(8_000_000);
  });

  it('a process whose last work is closing the store waits for the worker and ends normally', () => {
    const dbModule = pathToFileURL(join(packageRoot(), 'dist', 'src', 'store', 'db.js')).href;
    const said = execFileSync(process.execPath, [join(import.meta.dirname, 'fixtures/closeServerStore.mjs'), dbModule, dir], {
      encoding: 'utf8',
    });
    expect(said.trim()).toBe('closed');
    expect(existsSync(join(dir, 'koda.db-wal'))).toBe(false);
  });

  it('only statements that may write schedule a checkpoint: reading alone starts no worker', async () => {
    const sqlite = new Database(join(dir, 'told.db'));
    let told = 0;
    const db = new Kysely<Record<string, never>>({
      dialect: new WriteLockSqliteDialect(sqlite, { waitMs: 1000, written: () => told++ }),
    });
    try {
      await sql`create table t (x integer)`.execute(db);
      expect(told).toBe(1);
      await sql`insert into t values (1)`.execute(db);
      expect(told).toBe(2);
      await sql`select x from t`.execute(db);
      await sql`select count(*) from t`.execute(db);
      expect(told).toBe(2);
      // RETURNING reads, and writes too.
      await sql`insert into t values (2) returning x`.execute(db);
      expect(told).toBe(3);
    } finally {
      await db.destroy();
    }
  });
});
