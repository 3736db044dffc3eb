import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The store, command, query and server tests run on both engines: on SQLite always, and on
 * PostgreSQL as well when `KODA_TEST_DATABASE_URL` names a server to make test databases on
 * (.ci/run starts a throwaway one). One suite, parameterised by `KODA_TEST_ENGINE` (test/engine.ts).
 */
const BOTH_ENGINES = [
  'test/store/**/*.test.ts',
  'test/commands/**/*.test.ts',
  'test/queries/**/*.test.ts',
  'test/server/**/*.test.ts',
];

/** What only the embedded store has: its encryption at rest (PostgreSQL's is the server's disk). */
const SQLITE_ONLY = ['test/store/encryption.test.ts', 'test/store/embeddedSchema.test.ts', 'test/store/walCheckpoints.test.ts'];
/**
 * How many test files run at once. Vitest's default on two cores is one (cores − 1), which leaves
 * the second core idle while a test waits on its store: the SQLite and PostgreSQL files run two at
 * a time, side by side. Two kinds run alone, one file at a time, after them: the browser tests
 * (each drives Chromium and a server, and clicks wait on both), and the PostgreSQL tests that
 * read the database's files to prove VACUUM FULL left no copy of a participant's words: another
 * test's open transaction on the same server holds those old row versions back.
 */
const BROWSER = 'test/e2e/**/*.test.ts';

/** What only the team store has (several servers on one database, copying a study between engines). */
const POSTGRES_ONLY = 'test/**/*.pg.test.ts';

/** The test files that scan the store's files on disk, found by their import of test/storeFiles.ts. */
const STORE_FILE_SCANS = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.test.ts') && /from '[./]*storeFiles\.js'/.test(readFileSync(join('test', f), 'utf8')))
  .map((f) => join('test', f));

/**
 * The store, command, query and server files share each worker's modules rather than loading
 * them anew per file: Koda's modules took 450 s of CI's workers to load, file by file, before.
 * Each file opens its own store, so nothing of a test's data is shared. The browser files keep
 * their own modules: few, and each drives a server of its own.
 */
const SHARED_MODULES = { isolate: false };

const onPostgres = { extends: true as const, test: { ...SHARED_MODULES, env: { KODA_TEST_ENGINE: 'postgres' } } };
const postgres = process.env.KODA_TEST_DATABASE_URL
  ? [
      {
        ...onPostgres,
        test: {
          ...onPostgres.test,
          name: 'postgres',
          include: [...BOTH_ENGINES, POSTGRES_ONLY],
          exclude: [...SQLITE_ONLY, ...STORE_FILE_SCANS],
          maxWorkers: 2,
        },
      },
      {
        ...onPostgres,
        test: {
          ...onPostgres.test,
          name: 'postgres-files',
          include: STORE_FILE_SCANS,
          exclude: SQLITE_ONLY,
          maxWorkers: 1,
          // Isolated: Vitest runs a one-worker project of its own only then, after the others.
          isolate: true,
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          ...SHARED_MODULES,
          name: 'sqlite',
          include: ['test/**/*.test.ts'],
          exclude: [POSTGRES_ONLY, BROWSER],
          maxWorkers: 2,
        },
      },
      { extends: true, test: { name: 'browser', include: [BROWSER], exclude: [POSTGRES_ONLY], maxWorkers: 1 } },
      ...postgres,
    ],
  },
});
