/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addSet } from '../../src/commands/addSet.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { buildStudy } from '../queries/fixture.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

let browser: Browser;

/** The case columns the matrix shows (its column headers, without the total). */
async function matrixColumns(page: Page): Promise<string[]> {
  const heads = await page.locator('table thead th[scope="col"]').allTextContents();
  // The first header names the rows, the last is the total.
  return heads.slice(1, -1);
}

describe.skipIf(!hasChromium)('sets in the browser', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let project = '';
  let media = '';
  let page: Page;
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
      media = (await db.selectFrom('codes').select('id').where('name', '=', 'media').executeTakeFirstOrThrow()).id;
      // District Y is Albin (albin.txt) and Cathrin (her turns in the group interview).
      await addSet(ctx, { project: 'Studie', kind: 'source', name: 'Bara Albin', members: ['albin'] });
      await addSet(ctx, { project: 'Studie', kind: 'source', name: 'Bara Kristin', members: ['kristin'] });
    });
    ({ page } = await newPage(browser));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('makes a case set from an attribute on the overview, and filters the matrix and retrieval by it', async () => {
    // The overview's sets panel: a case set of the cases in district Y.
    await page.goto(`${server.url}/#/p/${project}`);
    const panel = page.getByRole('region', { name: 'Sets', exact: true });
    await panel.waitFor();
    await panel.getByRole('combobox', { name: 'Kind', exact: true }).selectOption('case');
    await panel.getByRole('textbox', { name: 'Name', exact: true }).fill('Distrikt Y');
    await panel.getByRole('radio', { name: 'From an attribute', exact: true }).check();
    await panel.getByRole('combobox', { name: 'Attribute', exact: true }).selectOption('stadsdel');
    await panel.getByRole('combobox', { name: 'Value', exact: true }).selectOption('Y');
    await panel.getByRole('button', { name: 'Make set', exact: true }).click();
    const row = panel.getByRole('row', { name: /Distrikt Y/ });
    await expect.poll(() => row.textContent()).toContain('2 members');
    expect(await row.textContent()).toContain('Albin');
    expect(await row.textContent()).toContain('Cathrin');
    expect(await seriousViolations(page)).toEqual([]);

    // The matrix: every case's column, then only the set's.
    await page.goto(`${server.url}/#/p/${project}/queries/matrix`);
    await page.locator('td[data-row="media"][data-column="Kristin"]').waitFor();
    expect(await matrixColumns(page)).toEqual(expect.arrayContaining(['Albin', 'Kristin', 'Cathrin']));
    await page.getByRole('combobox', { name: 'Case set', exact: true }).selectOption('Distrikt Y');
    await expect.poll(() => matrixColumns(page)).toEqual(['Albin', 'Cathrin']);
    // A cell's segments are those its count counts.
    await page.getByRole('button', { name: 'media × Albin: 1. Show the segments', exact: true }).click();
    const cell = page.getByTestId('cell-segments');
    await expect.poll(() => cell.locator('blockquote').allTextContents()).toEqual(['Media 😀 ger en farlig bild.']);
    expect(await seriousViolations(page)).toEqual([]);

    // Retrieval of media: four segments, then only those of the set's cases.
    const all = await retrieveSegments(server.ctx, { project, code: 'media' });
    const inSet = await retrieveSegments(server.ctx, { project, code: 'media', filter: { caseSets: ['Distrikt Y'] } });
    expect(all).toHaveLength(4);
    expect(inSet.length).toBeGreaterThan(0);
    expect(inSet.length).toBeLessThan(all.length);
    await page.goto(`${server.url}/#/p/${project}/code/${media}`);
    const quotes = page.locator('.retrieval blockquote');
    await expect.poll(() => quotes.count()).toBe(4);
    await page.getByRole('combobox', { name: 'Case set', exact: true }).selectOption('Distrikt Y');
    await expect.poll(() => quotes.allTextContents()).toEqual(inSet.map((s) => s.text));
    expect(await quotes.allTextContents()).not.toContain('Media stämplar områden.');
    await expect.poll(() => page.getByText(`${inSet.length} segment`, { exact: false }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('group', { name: /Filter · Filtered/ }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // Cleared, retrieval lists every segment again.
    await page.getByRole('button', { name: 'Clear filter', exact: true }).click();
    await expect.poll(() => quotes.count()).toBe(4);
  });

  it('lists a matrix cell’s segments, counts frequencies and co-occurrence, searches, and drafts the report through the same filter', async () => {
    // Codes by district: media × Y counts Albin's passage and Cathrin's turn, until only albin.txt is let through.
    await page.goto(`${server.url}/#/p/${project}/queries/matrix`);
    await page.getByRole('combobox', { name: /^Columns/ }).selectOption('attr:stadsdel');
    const y = page.locator('td[data-row="media"][data-column="Y"]');
    await expect.poll(() => y.textContent()).toBe('2');
    await page.getByRole('combobox', { name: 'Source set', exact: true }).selectOption('Bara Albin');
    await expect.poll(() => y.textContent()).toBe('1');
    await y.getByRole('button').click();
    const cell = page.getByTestId('cell-segments');
    await expect.poll(() => cell.locator('blockquote').allTextContents()).toEqual(['Media 😀 ger en farlig bild.']);
    expect(await seriousViolations(page)).toEqual([]);

    // Frequencies: media is used four times, once in albin.txt.
    await page.goto(`${server.url}/#/p/${project}/queries/frequencies`);
    const own = page.locator('tr[data-code="media"] td').first();
    await expect.poll(() => own.textContent()).toBe('4');
    await page.getByRole('combobox', { name: 'Source set', exact: true }).selectOption('Bara Albin');
    await expect.poll(() => own.textContent()).toBe('1');
    expect(await seriousViolations(page)).toEqual([]);

    // Co-occurrence: media and tidsbrist overlap in albin.txt only.
    await page.goto(`${server.url}/#/p/${project}/queries/cooccurrence`);
    const pair = page.locator('td[data-row="media"][data-column="tidsbrist"]');
    await expect.poll(() => pair.textContent()).toBe('1');
    await page.getByRole('combobox', { name: 'Source set', exact: true }).selectOption('Bara Kristin');
    await expect.poll(() => pair.count()).toBe(0);
    await expect.poll(() => page.locator('td[data-row="media"]').count()).toBeGreaterThan(0);

    // Search: "media" in every source, then in albin.txt alone.
    await page.goto(`${server.url}/#/p/${project}/queries/search`);
    await page.getByRole('searchbox', { name: 'Search the texts' }).fill('media');
    await page.keyboard.press('Enter');
    const sources = page.getByTestId('search-results').locator('section.group');
    await expect.poll(() => sources.count()).toBeGreaterThan(1);
    await page.getByRole('combobox', { name: 'Source set', exact: true }).selectOption('Bara Albin');
    await page.getByRole('searchbox', { name: 'Search the texts' }).press('Enter');
    await expect.poll(() => sources.evaluateAll((all) => all.map((g) => g.getAttribute('data-source')))).toEqual(['albin']);
    // One "Spoken by": the search's own, not the filter's as well.
    expect(await page.getByRole('combobox', { name: 'Spoken by', exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    // The report: a Markdown draft (without figures, so one .md) quoting only albin.txt.
    await page.goto(`${server.url}/#/p/${project}/report`);
    await page.getByRole('heading', { name: 'Results draft', exact: true }).waitFor();
    await page.getByRole('radio', { name: 'Markdown (.md)', exact: true }).check();
    await page.getByRole('checkbox', { name: /^Figures/ }).uncheck();
    await page.getByRole('combobox', { name: 'Source set', exact: true }).selectOption('Bara Albin');
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the draft: Markdown (.md)', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.md$/);
    const md = readFileSync(await download.path(), 'utf8');
    expect(md).toContain('Media 😀 ger en farlig bild.');
    for (const other of ['Media stämplar områden.', 'Media igen 🙂.', 'Vi samverkar.']) expect(md).not.toContain(other);
  });
});
