import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Engine } from '../src/store/db.js';

/**
 * Which engine the store tests run on. `npm test` runs the store, command, query and server tests
 * twice when a PostgreSQL server is given (`KODA_TEST_DATABASE_URL`, an administrator's URL; .ci/run
 * starts a throwaway cluster): once on SQLite, once with `KODA_TEST_ENGINE=postgres` (vitest.config.ts).
 * The same files, not a copy: a test that passes on one engine and not the other fails.
 */
export const testEngine: Engine = process.env.KODA_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

export const onPostgres = testEngine === 'postgres';

function adminUrl(): string {
  const url = process.env.KODA_TEST_DATABASE_URL;
  if (!url) throw new Error('KODA_TEST_ENGINE=postgres needs KODA_TEST_DATABASE_URL (an administrator URL)');
  return url;
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new empty database on the test server, and its URL; `drop` removes it, connections and all. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `koda_test_${randomUUID().replaceAll('-', '')}`;
  await asAdmin((c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => asAdmin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}
