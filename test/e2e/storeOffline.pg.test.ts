import pg from 'pg';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

/**
 * A server on PostgreSQL that loses its database says so in the page, and catches up when it is
 * back (issue 13): the change made meanwhile, told to no one, shows after the catch-up.
 */

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>> | undefined;

describe.skipIf(!hasChromium)('the workbench when its server loses the database', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('shows a banner in the page’s language while the database is away, then the change made meanwhile', async () => {
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await addCode(ctx, { project: 'Studie', name: 'media' });
    });
    const { ctx, url } = server;
    const name = new URL(server.database as string).pathname.slice(1);
    // One after the other: both sign in as the laptop's person.
    const pages = [];
    for (const lang of ['sv', 'en'] as const) {
      const { page } = await newPage(browser, lang);
      await page.goto(`${url}/#/p/Studie`);
      await page.getByRole('treeitem', { name: 'media' }).waitFor();
      await page.locator('[data-live="true"]').waitFor();
      pages.push(page);
    }
    const [sv, en] = pages as [(typeof pages)[0], (typeof pages)[0]];
    const admin = new pg.Client({ connectionString: process.env.KODA_TEST_DATABASE_URL });
    await admin.connect();
    try {
      // No new session may open, so the server's listener stays away until allowed again.
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'koda-listen'`,
        [name],
      );
      await sv.getByTestId('store-offline').waitFor({ timeout: 10_000 });
      expect(await sv.getByTestId('store-offline').textContent()).toContain('Servern har tappat kontakten med sin databas');
      await en.getByTestId('store-offline').waitFor({ timeout: 10_000 });
      expect(await en.getByTestId('store-offline').textContent()).toContain('The server has lost contact with its database');
      expect(await en.locator('[data-live]').getAttribute('data-live')).toBe('false');
      expect(await seriousViolations(en)).toEqual([]);

      // Made meanwhile on the database (as another server or the CLI would): no one is told of it.
      await addCode(ctx, { project: 'Studie', name: 'hinder' });

      await admin.query(`alter database ${name} allow_connections true`);
      for (const page of pages) {
        await page.getByTestId('store-offline').waitFor({ state: 'detached', timeout: 15_000 });
        await page.getByRole('treeitem', { name: 'hinder' }).waitFor({ timeout: 10_000 });
        expect((page as typeof page & { errors: string[] }).errors).toEqual([]);
      }
    } finally {
      await admin.query(`alter database ${name} allow_connections true`).catch(() => {});
      await admin.end();
    }
  });
});
