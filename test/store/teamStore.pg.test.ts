import { sql } from 'kysely';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { KodaError } from '../../src/core/errors.js';
import { errorMessage, LANGUAGES, translator } from '../../src/i18n/index.js';
import { openStore } from '../../src/store/db.js';
import { koda } from '../cli/run.js';
import { createTestDatabase } from '../engine.js';
import { rowCounts, tempStore } from '../helpers.js';

/**
 * The team store refuses what an IT department would not want it to accept: one clear line,
 * no password in it, nothing written.
 */

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const undo of cleanups.splice(0).reverse()) await undo();
});

async function database() {
  const made = await createTestDatabase({ empty: true });
  cleanups.push(made.drop);
  return made.url;
}

async function sqlOn(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function refusal(url: string, options: { allowPlaintext?: boolean } = {}): Promise<KodaError> {
  const err = await openStore('/nonexistent-koda-data', { database: url, ...options }).then(
    (store) => store.close().then(() => new Error('opened')),
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  for (const language of LANGUAGES) {
    const line = errorMessage(err, translator(language));
    expect(line).not.toContain('\n');
    expect(line).not.toMatch(/s3cret|wrong-horse/);
  }
  return err;
}

const withPath = (url: string, path: string) => Object.assign(new URL(url), { pathname: path }).toString();

describe('the team store refuses, in one line', () => {
  it('an unreachable server', async () => {
    expect((await refusal('postgres://koda:s3cret@127.0.0.1:1/koda')).code).toBe('store.unreachable');
  });

  it('a wrong password, and names the URL without it', async () => {
    const url = await database();
    await sqlOn(
      url,
      `do $$ begin create role koda_password_test login password 'right-horse'; exception when duplicate_object then null; end $$`,
    );
    const wrong = Object.assign(new URL(url), { username: 'koda_password_test', password: 'wrong-horse' }).toString();
    const err = await refusal(wrong);
    expect(err.code).toBe('store.auth-failed');
    expect(String(err.params.url)).toContain('***');
  });

  it('a database that does not exist', async () => {
    const url = await database();
    expect((await refusal(withPath(url, '/koda_no_such_database'))).code).toBe('store.no-database');
  });

  it('a database that is not Koda’s, leaving it as it was', async () => {
    const url = await database();
    await sqlOn(url, 'create table invoices (id int primary key, total int); insert into invoices values (1, 100)');
    expect((await refusal(url)).code).toBe('store.not-koda');
    const { rows } = await sqlOn(url, `select table_name from information_schema.tables where table_schema = 'public'`);
    expect(rows.map((r) => r.table_name)).toEqual(['invoices']);
  });

  it('a store a newer Koda has migrated, writing nothing', async () => {
    const env = await tempStore();
    cleanups.push(env.cleanup);
    await env.store.db
      .insertInto('kysely_migration' as never)
      .values({ name: '999_from_the_future', timestamp: new Date().toISOString() } as never)
      .execute();
    const before = await rowCounts(env.store);
    expect((await refusal(env.database as string)).code).toBe('store.newer-version');
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('a read-only server (a replica)', async () => {
    const url = await database();
    const name = new URL(url).pathname.slice(1);
    await sqlOn(url, `alter database ${name} set default_transaction_read_only = on`);
    expect((await refusal(url)).code).toBe('store.read-only');
  });

  it('plain text to another computer, unless told otherwise; TLS asked for is accepted', async () => {
    const err = await refusal('postgres://koda:s3cret@db.example.org/koda');
    expect(err.code).toBe('store.plaintext');
    expect(err.params.host).toBe('db.example.org');
    // Told otherwise, or with TLS, it tries to connect (and finds no such host here).
    expect((await refusal('postgres://koda:s3cret@db.invalid/koda', { allowPlaintext: true })).code).toBe('store.unreachable');
    expect((await refusal('postgres://koda:s3cret@db.invalid/koda?sslmode=verify-full')).code).toBe('store.unreachable');
  });

  it('a URL that is not one', async () => {
    expect((await refusal('postgres://')).code).toBe('store.bad-url');
  });

  it('the CLI says so in one line and exits 1; with the URL right it works', async () => {
    const url = await database();
    const wrong = Object.assign(new URL(url), { username: 'koda_password_test', password: 'wrong-horse' }).toString();
    const r = await koda('/nonexistent-koda-data', ['project', 'list'], { KODA_DATABASE_URL: wrong });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toContain('wrong-horse');
    const ok = await koda('/nonexistent-koda-data', ['--database', url, 'project', 'create', 'Studie']);
    expect(ok.code).toBe(0);
    const list = await koda('/nonexistent-koda-data', ['--database', url, '--json', 'project', 'list']);
    expect(list.json().map((p: { name: string }) => p.name)).toEqual(['Studie']);
  });
});

describe('the team store plans for data read from cache', () => {
  async function randomPageCost(url: string): Promise<string> {
    const store = await openStore('/nonexistent-koda-data', { database: url });
    try {
      const { rows } = await sql<{ random_page_cost: string }>`show random_page_cost`.execute(store.db);
      return rows[0]?.random_page_cost ?? '';
    } finally {
      await store.close();
    }
  }

  it('asks for index lookups priced as on SSD where nobody has set the price', async () => {
    expect(await randomPageCost(await database())).toBe('1.1');
  });

  it('keeps a price an administrator set for the database', async () => {
    const url = await database();
    const name = new URL(url).pathname.slice(1);
    await sqlOn(url, `alter database "${name}" set random_page_cost = 3`);
    expect(await randomPageCost(url)).toBe('3');
  });
});

describe('the team store compresses an import’s big values with lz4', () => {
  it('the text and the original of a transcript, where the server has lz4', async () => {
    const url = await database();
    const store = await openStore('/nonexistent-koda-data', { database: url });
    try {
      const ctx = { store, actor: 'tester' };
      await createProject(ctx, { name: 'P', language: 'sv' });
      // Varied words, so that the text is compressed at all (PostgreSQL leaves values under 2 kB).
      const text = Array.from({ length: 3000 }, (_, i) => `ord${(i * 7919) % 1000}`).join(' ');
      await importSource(ctx, { project: 'P', fileName: 'a.txt', bytes: Buffer.from(text) });
      const methods = await sql<{ text: string | null; original: string | null }>`
        select pg_column_compression(s.text) as text, pg_column_compression(o.bytes) as original
        from sources s join original_pieces o on o.source_id = s.id`.execute(store.db);
      expect(methods.rows).toEqual([{ text: 'lz4', original: 'lz4' }]);
    } finally {
      await store.close();
    }
  });
});
