/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { listInterviews } from '../../src/commands/listInterviews.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

const ALBIN = [
  'I: Kan du presentera dig själv?',
  'Albin: Jag leder arbetet med trivsel.',
  'I: Och hur ser du på mediernas påverkan på området?',
  'Albin: Media stämplar området.',
].join('\n\n');

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

describe.skipIf(!hasChromium)('the Interviews page and the guide panel in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await importSource(ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(ALBIN), newCase: 'Albin' });
    });
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page?.context().close();
    await server?.close();
    await browser?.close();
  });

  it('adds a guide version, logs an interview, then jumps to and confirms where a question was asked', async () => {
    await page.goto(`${server.url}/#/p/Studie/interviews`);
    await page.getByRole('heading', { name: 'Interviews', level: 1 }).waitFor();
    await page.getByLabel('Version', { exact: true }).fill('1');
    await page.getByLabel('In use from').fill('2021-03-01');
    await page.getByLabel('Questions, one a line').fill('Kan du presentera dig själv?\nHur ser du på mediernas påverkan?');
    await page.getByRole('button', { name: 'Add the version' }).click();
    await page.getByText('Version 1, from 2021-03-01').waitFor();

    await page.getByRole('button', { name: 'Edit the log of albin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Interview log: albin' });
    await dialog.getByLabel('Date', { exact: true }).fill('2021-03-04');
    await dialog.getByLabel(/^Length/).fill('45:30');
    await dialog.getByLabel('Interviewers').fill('Yaman, Zozan');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /albin/ }) });
    await row.getByRole('cell', { name: 'Yaman, Zozan' }).waitFor();
    expect(await row.textContent()).toContain('45:30');
    expect(await row.textContent()).toContain('1 (by date)');
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download as xlsx' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('studie-intervjulogg.xlsx');
    const { interviews } = await listInterviews(server.ctx, { project: 'Studie' });
    expect(interviews[0]).toMatchObject({ heldOn: '2021-03-04', interviewers: ['Yaman', 'Zozan'], length: { ms: 2_730_000 } });

    await row.getByRole('link', { name: 'albin' }).click();
    const panel = page.getByRole('region', { name: 'Interview guide, version 1' });
    await panel.waitFor();
    const media = panel
      .getByRole('listitem')
      .filter({ has: page.getByText('Hur ser du på mediernas påverkan?', { exact: true }) });
    await media.getByText(/^Found/).waitFor();
    await media.getByRole('link', { name: 'Go to turn 3' }).click();
    // The jump selects the turn once the view has scrolled to it.
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toContain('hur ser du på mediernas påverkan');
    await media.getByRole('button', { name: 'Confirm' }).click();
    await media.getByText('Confirmed by tester').waitFor();
    const confirmed = await server.store.db.selectFrom('question_places').select(['turn_id', 'confirmed_by']).execute();
    expect(confirmed).toEqual([{ turn_id: expect.any(String), confirmed_by: 'tester' }]);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
