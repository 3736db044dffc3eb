import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Engine } from '../src/store/db.js';
import { asAdmin, databaseUrl } from './engineTemplate.js';

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

/**
 * A new database on the test server, and its URL; `drop` removes it, connections and all. A
 * store's database is a copy of the run's migrated template (test/globalSetup.ts); `empty: true`
 * gives a database with no tables at all.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `koda_test_${randomUUID().replaceAll('-', '')}`;
  const template = options.empty ? '' : inject('postgresTemplate');
  // A file copy of the small template is quicker than PostgreSQL 15's default of logging each block.
  const from = template ? ` template ${template} strategy file_copy` : '';
  await asAdmin(adminUrl(), (c) => c.query(`create database ${name}${from}`));
  return {
    url: databaseUrl(adminUrl(), name),
    drop: () => asAdmin(adminUrl(), (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {}),
  };
}
