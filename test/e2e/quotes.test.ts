/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

/** Long enough that the document view draws only its beginning (it is virtualised). */
const TURNS = Array.from({ length: 600 }, (_, i) =>
  i % 2 === 0
    ? `I: Fråga nummer ${i / 2} om området och arbetet där?`
    : `Albin: Svar ${i} om hur vi arbetar i området varje vecka.`,
);
const LAST = 'Albin: Media ger en skev bild, det är de sista orden.';
const TEXT = [...TURNS, LAST].join('\n\n');

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let source: string;
let media: string;

describe.skipIf(!hasChromium)('quotes and the coded transcript in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie', language: 'sv' });
      source = (await importSource(ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(TEXT), newCase: 'Albin' })).id;
      media = (await addCode(ctx, { project: 'Studie', name: 'media' })).id;
      const index = new CodePointIndex(TEXT);
      const at = TEXT.indexOf('Media ger en skev bild');
      const first = TEXT.indexOf('Svar 1 om');
      for (const [start, length] of [
        [first, 'Svar 1 om'.length],
        [at, 'Media ger en skev bild'.length],
      ] as const)
        await applyCoding(ctx, {
          project: 'Studie',
          source,
          code: 'media',
          start: index.toCodePoint(start),
          end: index.toCodePoint(start + length),
        });
    });
    ({ page } = await newPage(browser));
  });
  afterAll(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page?.context().close();
    await server?.close();
    await browser?.close();
  });

  it('prints the whole transcript with its codes in the margin, though the screen draws only its start', async () => {
    await page.goto(`${server.url}/#/p/Studie/s/${source}`);
    await page.getByRole('heading', { name: 'albin', level: 1 }).waitFor();
    await page.getByText('Svar 1 om hur vi arbetar').first().waitFor();
    // On screen the view is virtual: the last words are not drawn.
    expect(await page.getByText('det är de sista orden').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'print' });
    const printed = page.getByRole('region', { name: 'albin: coded transcript' });
    await printed.waitFor();
    const last = printed.getByText('det är de sista orden');
    await expect.poll(() => last.isVisible()).toBe(true);
    expect(await printed.locator('.print-line').count()).toBe(TURNS.length + 1);
    // The last line's code beside it, by number and name; its marks around the coded words.
    const lastLine = printed.locator('.print-line').last();
    expect(await lastLine.getByRole('list', { name: 'Codes beside this passage' }).textContent()).toBe('1 media');
    expect(await lastLine.locator('p').textContent()).toBe('Albin: [1Media ger en skev bild1], det är de sista orden.');
    // Nothing of the screen's view prints beside it.
    expect(await page.getByRole('complementary', { name: 'Details' }).isVisible()).toBe(false);

    await page.emulateMedia({ media: 'screen' });
    await expect.poll(() => printed.count()).toBe(0);
  });

  it('downloads the coded transcript from the document view, and a code’s quotes from its retrieval view', async () => {
    await page.goto(`${server.url}/#/p/Studie/s/${source}`);
    await page.getByRole('heading', { name: 'albin', level: 1 }).waitFor();
    const [transcript] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export coded transcript', exact: true }).click(),
    ]);
    expect(transcript.suggestedFilename()).toBe('albin-kodad.html');

    await page.goto(`${server.url}/#/p/Studie/code/${media}`);
    await page.getByRole('heading', { name: /media/, level: 1 }).waitFor();
    const [quotes] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Quotes (Word)', exact: true }).click(),
    ]);
    expect(quotes.suggestedFilename()).toBe('studie-citat-media.docx');
    await page.getByText('Saved studie-citat-media.docx (2 quotes).').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
