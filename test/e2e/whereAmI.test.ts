/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TwoCoderStudy, twoCoderStudy } from '../commands/agreementFixture.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let study: TwoCoderStudy;
let page: Page;

// The project "Studie" with the source "intervju", coded by anna and bo.
describe.skipIf(!hasChromium)('where am I: names, not-found pages and notices in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(async (ctx) => {
      study = await twoCoderStudy({ ...ctx, actor: 'anna' });
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await page?.context().close();
    ({ page } = await newPage(browser));
  });

  it('names the project in the header and the tab, and the source in the document view', async () => {
    await page.goto(`${server.url}/#/p/${study.p}`);
    const name = page.getByRole('navigation', { name: 'Projects' }).getByTestId('project-name');
    await expect.poll(() => name.textContent()).toBe('Studie');
    await expect.poll(() => page.title()).toBe('Studie – Koda');

    await page.goto(`${server.url}/#/p/Studie/s/${study.source}`);
    await page.getByRole('document', { name: /Text of intervju/ }).waitFor();
    await expect.poll(() => page.title()).toBe('intervju – Studie – Koda');
    expect(await name.textContent()).toBe('Studie');

    await page.goto(`${server.url}/#/`);
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    await expect.poll(() => page.title()).toBe('Koda');
  });

  it('shows a not-found page, with the way back, for a project, source or code that does not exist', async () => {
    await page.goto(`${server.url}/#/p/Nowhere`);
    const notFound = page.getByTestId('not-found');
    await notFound.getByRole('heading', { name: 'Not found' }).waitFor();
    expect(await notFound.textContent()).toContain('There is no project “Nowhere”.');
    await expect.poll(() => page.title()).toBe('Not found – Koda');
    // Nothing was asked of a project that is not there, so no error is shown.
    expect(await page.locator('.notice').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await notFound.getByRole('link', { name: 'Go to all projects' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();

    await page.goto(`${server.url}/#/p/Studie/s/no-such-source`);
    await notFound.getByText('This project has no source “no-such-source”.', { exact: false }).waitFor();
    await expect.poll(() => page.title()).toBe('Not found – Studie – Koda');
    await notFound.getByRole('link', { name: 'Go to the project’s overview' }).click();
    await page.getByRole('link', { name: 'intervju' }).waitFor();

    await page.goto(`${server.url}/#/p/Studie/code/no-such-code`);
    await notFound.getByText('This project has no code “no-such-code”.', { exact: false }).waitFor();
    // A code named in the URL, as the API finds it, is found.
    await page.goto(`${server.url}/#/p/Studie/code/media`);
    await page.getByRole('heading', { name: 'Segments coded “media”' }).waitFor();
    expect(await notFound.count()).toBe(0);
  });

  it('lets a notice go by itself, and takes an error away when the user goes to another page', async () => {
    await page.goto(`${server.url}/#/p/Studie`);
    await page.getByRole('link', { name: 'intervju' }).waitFor();
    // Nothing was undone, so there is nothing to redo: the error stays until dismissed…
    await page.getByRole('button', { name: /Redo/ }).click();
    const error = page.getByRole('alert').locator('.notice');
    await error.getByText('Nothing to redo in "Studie".').waitFor();
    // …or until the user goes to another page.
    await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Coders' }).click();
    await page.getByText('Owner: anna').waitFor();
    expect(await error.count()).toBe(0);

    // An undo is told, and the message goes by itself a few seconds later.
    await page.getByRole('button', { name: /Undo/ }).click();
    const info = page.getByRole('status').locator('.notice');
    await info.getByText(/^Undone:/).waitFor();
    await info.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
