/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

/** More segments of one code than the retrieval view's first page (100) holds. */
const CODED = 130;
const TURNS = Array.from({ length: CODED }, (_, i) => `Albin: Svar ${i} om hur vi arbetar i området.`);
const TEXT = TURNS.join('\n\n');

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let hinder: string;

describe.skipIf(!hasChromium)('a long retrieval list in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie', language: 'sv' });
      const source = (await importSource(ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(TEXT), newCase: 'Albin' }))
        .id;
      hinder = (await addCode(ctx, { project: 'Studie', name: 'hinder' })).id;
      for (const turn of TURNS) {
        const start = TEXT.indexOf(turn) + 'Albin: '.length;
        await applyCoding(ctx, { project: 'Studie', source, code: 'hinder', start, end: start + 'Svar'.length });
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

  it('shows the first page at once with the whole count, and the rest on request from the keyboard', async () => {
    await page.goto(`${server.url}/#/p/Studie/code/${hinder}`);
    await page.getByRole('heading', { name: /hinder/, level: 1 }).waitFor();
    await page.getByText(`Showing 100 of ${CODED} segments`).waitFor();
    const items = page.locator('ol.segments > li');
    expect(await items.count()).toBe(100);
    const more = page.getByRole('button', { name: 'Show more segments' });
    await more.focus();
    await page.keyboard.press('Enter');
    await page.getByText(`${CODED} segments`, { exact: true }).waitFor();
    expect(await items.count()).toBe(CODED);
    expect(await more.count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
