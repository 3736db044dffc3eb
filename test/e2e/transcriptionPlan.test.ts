/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { setInterview } from '../../src/commands/setInterview.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

describe.skipIf(!hasChromium)('the Transcription plan page in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      for (const [name, length] of [
        ['albin', '40:00'],
        ['kristin', '20:00'],
      ] as const) {
        await importSource(ctx, { project: 'Studie', fileName: `${name}.txt`, bytes: utf8(`I: Hur?\n\n${name}: Så.`) });
        await setInterview(ctx, { project: 'Studie', source: name, length });
      }
    });
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page?.context().close();
    await server?.close();
    await browser?.close();
  });

  it('is reached from the project navigation, plans by shares and shows progress as a part is ticked', async () => {
    await page.goto(`${server.url}/#/p/Studie/overview`);
    await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Transcription plan' }).click();
    await page.getByRole('heading', { name: 'Transcription plan', level: 1 }).waitFor();
    await page.getByLabel('Name').nth(0).fill('Yaman');
    await page.getByLabel('Name').nth(1).fill('Zozan');
    await page.getByLabel('Share').nth(1).fill('2');
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    await page.getByRole('heading', { name: 'The plan: 2 interviews, 0 split' }).waitFor();
    const albin = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'albin' }) });
    expect(await albin.getByRole('cell').allTextContents()).toEqual(['Zozan', 'whole', '40:00', ' transcribed']);
    // The box shows what the server holds: it turns checked once the mark is saved.
    const box = albin.getByRole('checkbox', { name: 'transcribed' });
    await box.click();
    await expect.poll(() => box.isChecked()).toBe(true);
    const zozan = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Zozan' }) });
    await expect.poll(() => zozan.getByRole('progressbar').getAttribute('value')).toBe('2400000');
    const parts = await server.store.db.selectFrom('transcription_parts').select('done_at').execute();
    expect(parts.filter((p) => p.done_at !== null)).toHaveLength(1);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
