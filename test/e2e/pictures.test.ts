/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addSet } from '../../src/commands/addSet.js';
import { buildStudy } from '../queries/fixture.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

let browser: Browser;

/** How far the picture and its card stick out: the picture past the card's inner edge, the card's content past the card. */
async function overflow(page: Page) {
  const svg = page.locator('svg.picture').first();
  await svg.waitFor();
  return svg.evaluate((el) => {
    const card = el.closest('.card') as HTMLElement;
    const style = getComputedStyle(card);
    const inner = card.getBoundingClientRect().right - Number.parseFloat(style.paddingRight);
    return {
      picture: el.getBoundingClientRect().width,
      past: el.getBoundingClientRect().right - inner,
      scrolls: card.scrollWidth - card.clientWidth,
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    };
  });
}

describe.skipIf(!hasChromium)('pictures of the coding in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let project = '';
  let albin = '';
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      await buildStudy(ctx);
      const db = ctx.store.db;
      project = (await db.selectFrom('projects').select('id').where('name', '=', 'Studie').executeTakeFirstOrThrow()).id;
      albin = (await db.selectFrom('sources').select('id').where('name', '=', 'albin').executeTakeFirstOrThrow()).id;
      await addSet(ctx, { project: 'Studie', kind: 'source', name: 'Bara Albin', members: ['albin'] });
    });
  });
  afterEach(() => server.close());

  it('lists behind a circle the segments the filtered map counted', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/#/p/${project}/pictures/codemap`);
      const media = page.locator('svg.picture circle.pick', { has: page.locator('title', { hasText: /^media:/ }) });
      await media.waitFor();
      await page.getByRole('combobox', { name: 'Source set', exact: true }).selectOption('Bara Albin');
      // media is used once in albin.txt: the map's own figure, and the list behind it.
      await expect.poll(() => media.locator('title').textContent()).toMatch(/^media: 1\b/);
      await media.click();
      const panel = page.getByTestId('map-passages');
      await expect.poll(() => panel.getByRole('heading').textContent()).toBe('Segments of media');
      await expect.poll(() => panel.locator('blockquote').allTextContents()).toEqual(['Media 😀 ger en farlig bild.']);
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens the code map, lists the segments behind a line and a circle, and shows the same as a table', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/#/p/${project}`);
      await page.getByRole('link', { name: 'Pictures', exact: true }).click();
      const line = page.locator('svg.picture [data-target^="pair:"]');
      await line.waitFor();
      await line.click();
      const panel = page.getByTestId('map-passages');
      await expect.poll(() => panel.getByRole('heading').textContent()).toBe('Where media and tidsbrist occur together');
      await expect
        .poll(() => panel.locator('blockquote').allTextContents())
        .toEqual(['Media 😀 ger en farlig bild.', 'farlig bild. Tiden räcker inte.']);
      await page.locator('svg.picture circle.pick', { has: page.locator('title', { hasText: /^media:/ }) }).click();
      await expect.poll(() => panel.getByRole('heading').textContent()).toBe('Segments of media');
      await expect.poll(() => panel.locator('blockquote').count()).toBe(4);

      // The table equivalent, worked by keyboard.
      await page.getByRole('button', { name: 'Show as table', exact: true }).click();
      await page.getByRole('table', { name: 'Codes that occur together' }).waitFor();
      expect(await page.locator('svg.picture').count()).toBe(0);
      // A count's button is named by its figure first (WCAG 2.5.3, label in name).
      const pair = page.getByRole('button', { name: 'media and tidsbrist: 1. Show where they occur together', exact: true });
      await pair.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => panel.getByRole('heading').textContent()).toBe('Where media and tidsbrist occur together');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Show as picture', exact: true }).click();
      await page.locator('svg.picture').waitFor();
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens a transcript’s code line from its document, and a bar opens the document at its place', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/#/p/${project}/s/${albin}`);
      // The link is in the document's head, drawn once the text has loaded (slower on a busy machine).
      await page.getByRole('heading', { level: 1, name: 'albin', exact: true }).waitFor({ timeout: 10_000 });
      await page.getByRole('link', { name: 'Code line', exact: true }).click();
      const bar = page.locator('svg.picture rect.pick', { has: page.locator('title', { hasText: /^samverkan:/ }) });
      await bar.waitFor();
      expect(await page.locator('svg.picture rect.pick title').allTextContents()).toContain('samverkan: 104–125');
      expect(await seriousViolations(page)).toEqual([]);
      await bar.click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/p/${project}/s/${albin}?at=104-125`);
    } finally {
      await context.close();
    }
  });

  for (const width of [360, 1400]) {
    it(`fits every picture in its card in a ${width} px window`, async () => {
      const { context, page } = await newPage(browser);
      await page.setViewportSize({ width, height: 900 });
      try {
        for (const tab of ['codemap', `portrait/${albin}`, 'comparison']) {
          await page.goto(`${server.url}/#/p/${project}/pictures/${tab}`);
          const o = await overflow(page);
          expect(o.picture, tab).toBeGreaterThan(width === 360 ? 200 : 400);
          expect(o.past, tab).toBeLessThanOrEqual(0.5);
          expect(o.scrolls, tab).toBeLessThanOrEqual(0);
        }
        if (width === 360) expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
