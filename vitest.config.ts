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
const SQLITE_ONLY = ['test/store/encryption.test.ts', 'test/store/embeddedSchema.test.ts'];
/**
 * How many test files run at once. Vitest's default on two cores is one (cores − 1), which leaves
 * the second core idle while a test waits on its store: the SQLite files run two at a time. The
 * browser tests run one at a time (each drives Chromium and a server, and clicks wait on both),
 * and so do the PostgreSQL ones: the withdrawal tests prove that VACUUM FULL left no copy of a
 * participant's words in the database's files, and in a trial with two at a time another test's
 * work on the same server held those old row versions back.
 */
const BROWSER = 'test/e2e/**/*.test.ts';

/** What only the team store has (several servers on one database, copying a study between engines). */
const POSTGRES_ONLY = 'test/**/*.pg.test.ts';

const postgres = process.env.KODA_TEST_DATABASE_URL
  ? [
      {
        extends: true as const,
        test: {
          name: 'postgres',
          include: [...BOTH_ENGINES, POSTGRES_ONLY],
          exclude: SQLITE_ONLY,
          env: { KODA_TEST_ENGINE: 'postgres' },
          maxWorkers: 1,
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
        test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: [POSTGRES_ONLY, BROWSER], maxWorkers: 2 },
      },
      { extends: true, test: { name: 'browser', include: [BROWSER], exclude: [POSTGRES_ONLY], maxWorkers: 1 } },
      ...postgres,
    ],
  },
});
