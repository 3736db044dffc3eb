import { execFileSync } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { dropTemplate, makeTemplate } from './engineTemplate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated database each PostgreSQL test database is cloned from (test/engine.ts). */
    postgresTemplate: string;
  }
}

/**
 * The CLI end-to-end tests run the built `bin/koda.js`, and the browser tests the built UI in
 * web/dist: build what changed since the last build before all tests. Transpile only: type
 * errors are `npm run typecheck`'s to report, not a reason to skip tests. With a PostgreSQL
 * server to test on, one database is migrated once here, and every test's database is a copy.
 */
export default async function setup(project: TestProject) {
  execFileSync('node', ['scripts/build.js', '--no-check'], { stdio: 'inherit' });
  if (!process.env.KODA_TEST_DATABASE_URL) return;
  const template = await makeTemplate(process.env.KODA_TEST_DATABASE_URL);
  project.provide('postgresTemplate', template);
  return () => dropTemplate(process.env.KODA_TEST_DATABASE_URL as string, template);
}
