import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, openStore } from '../../src/store/db.js';
import { kodaError } from '../commands/fixtures.js';

/** The embedded store refuses a file that is not Koda's, or that a newer Koda wrote, and changes nothing. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'koda-schema-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const tablesOf = (file: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    db.close();
  }
};

describe('the embedded store checks whose file it opens', () => {
  it('refuses a database that is not Koda’s', async () => {
    const file = join(dir, DATABASE_FILE);
    new SQLite(file).exec('create table invoices (id integer primary key)').close();
    expect((await kodaError(openStore(dir))).code).toBe('store.not-koda');
    expect(tablesOf(file)).toEqual(['invoices']);
  });

  it('refuses a store a newer Koda migrated', async () => {
    await (await openStore(dir)).close();
    const file = join(dir, DATABASE_FILE);
    new SQLite(file).prepare(`insert into kysely_migration (name, timestamp) values ('999_from_the_future', 'now')`).run();
    const before = tablesOf(file);
    expect((await kodaError(openStore(dir))).code).toBe('store.newer-version');
    expect(tablesOf(file)).toEqual(before);
  });
});
