/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { autocode } from '../../src/commands/autocode.js';
import { codeCooccurrence } from '../../src/commands/codeCooccurrence.js';
import { codeMatrix } from '../../src/commands/codeMatrix.js';
import { createDemoProject, demoFolder } from '../../src/commands/createDemoProject.js';
import { listHistory } from '../../src/commands/history.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { counted, hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

interface Demo {
  codings: { case: string; code: string; quote: string }[];
}
const demo = JSON.parse(readFileSync(`${demoFolder()}/project.json`, 'utf8')) as Demo;
const quoteOf = (c: string, code: string) => demo.codings.find((x) => x.case === c && x.code === code)?.quote ?? '';

/** Chooses a code in a code list by its name (the options are indented by depth). */
async function chooseCode(page: Page, label: RegExp, name: string): Promise<void> {
  const select = page.getByRole('combobox', { name: label });
  const value = await select.evaluate(
    (el, wanted) => [...(el as HTMLSelectElement).options].find((o) => o.text.trim() === wanted)?.value ?? '',
    name,
  );
  expect(value).not.toBe('');
  await select.selectOption(value);
}

/** The auto-coding the tests preview: "föräldrarna" in all its forms, as sentences of the participants. */
const AUTOCODE = {
  code: 'informationsförmedling',
  pattern: 'föräldrarna',
  kind: 'stem',
  unit: 'sentence',
  role: 'participant',
} as const;

/** Kerstin codes the first span that auto-coding plans; gives the plan. */
async function kerstinCodesTheFirst(request: typeof AUTOCODE) {
  const planned = await autocode(server.ctx, { project, ...request, dryRun: true });
  const first = planned.listed[0] as (typeof planned.listed)[number];
  const kerstin = { ...server.ctx, actor: 'kerstin' };
  await applyCoding(kerstin, { project, source: first.source.id, code: request.code, start: first.start, end: first.end });
  return planned;
}

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let project = '';
const at = (path: string) => `${server.url}/#/p/${project}/${path}`;

describe.skipIf(!hasChromium)('queries on the demo project in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      project = (await createDemoProject(ctx)).id;
    });
    ({ page } = await newPage(browser));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('shows the code × case matrix with its heatmap, lists a cell’s segments and jumps to one, and exports csv', async () => {
    await page.goto(`${server.url}/#/p/${project}`);
    await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Queries' }).click();
    const cell = page.locator('td[data-row="media"][data-column="Albin"]');
    await cell.waitFor();
    // The demo codes one passage of Albin's with media; every cell is the API's figure.
    expect(await cell.textContent()).toBe('1');
    const expected = await codeMatrix(server.ctx, { project });
    const mediaRow = expected.rows.findIndex((r) => r.name === 'media');
    const shown = await page
      .locator('tr', { has: page.getByRole('rowheader', { name: 'media', exact: true }) })
      .locator('td')
      .allTextContents();
    expect(shown).toEqual([...(expected.cells[mediaRow] ?? []).map(String), String(expected.totals[mediaRow])]);

    // The heatmap is drawn as SVG: one rectangle per cell at least, and the case names on its axis.
    const svg = page.locator('[data-chart="heatmap"] svg');
    await svg.waitFor();
    const drawn = await svg.evaluate((el) => ({
      rects: el.querySelectorAll('path, rect').length,
      text: [...el.querySelectorAll('text')].map((t) => t.textContent).join(' '),
    }));
    expect(drawn.rects).toBeGreaterThanOrEqual(expected.rows.length * expected.columns.length);
    expect(drawn.text).toContain('Albin');
    expect(drawn.text).toContain('Kristin');
    expect(await seriousViolations(page)).toEqual([]);

    // The cell lists its segment, which jumps to its place in Albin's interview.
    await cell.getByRole('button', { name: 'media × Albin: 1. Show the segments' }).click();
    const panel = page.getByTestId('cell-segments');
    await panel.getByRole('heading', { name: 'Segments: media × Albin' }).waitFor();
    expect(await panel.locator('blockquote').allTextContents()).toEqual([quoteOf('Albin', 'media')]);
    const [segment] = await retrieveSegments(server.ctx, { project, code: 'media', case: 'Albin' });
    await panel.getByRole('link', { name: /Show in context/ }).click();
    await page.getByRole('document', { name: /Text of Intervju Albin/ }).waitFor();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.segmentIds ?? ''))
      .toContain(segment?.id ?? 'none');

    // Back on the matrix: categories by the attribute stadsdel, and the choice survives Back.
    await page.goBack();
    await page.getByRole('combobox', { name: /^Rows/ }).selectOption('categories');
    await page.getByRole('combobox', { name: /^Columns/ }).selectOption('attr:stadsdel');
    const byDistrict = await codeMatrix(server.ctx, { project, rows: 'categories', columns: 'attr:stadsdel' });
    const hinder = byDistrict.rows.findIndex((r) => r.name === 'Hinder');
    const y = byDistrict.columns.findIndex((c) => c.label === 'Y');
    await expect
      .poll(() => page.locator('td[data-row="Hinder"][data-column="Y"]').textContent())
      .toBe(String(byDistrict.cells[hinder]?.[y]));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download .csv' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv).toContain('Hinder');
    expect(csv).toContain('W och X');
  });

  it('shows frequencies as bars, co-occurring places of a pair as counted, and who shares a code side by side', async () => {
    await page.goto(at('queries/frequencies'));
    await page.locator('[data-chart="bars"] svg').waitFor();
    expect(await page.locator('tr[data-code="media"] td').first().textContent()).toBe('3');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Co-occurrence' }).click();
    await page.locator('[data-chart="heatmap"] svg').waitFor();
    for (const mode of ['overlap', 'turn', 'paragraph'] as const) {
      await page.getByRole('combobox', { name: /^Occurring together/ }).selectOption(mode);
      const co = await codeCooccurrence(server.ctx, { project, mode });
      // The first pair that co-occurs, as the server counts.
      const pairs = co.cells.flatMap((row, i) => row.map((v, j) => [i, j, v] as const)).filter(([i, j, v]) => i !== j && v > 0);
      const pair = pairs[0] ?? [-1, -1, 0];
      expect(pair[0]).toBeGreaterThanOrEqual(0);
      const [a, b] = [co.codes[pair[0]]?.name ?? '', co.codes[pair[1]]?.name ?? ''];
      const value = co.cells[pair[0]]?.[pair[1]] ?? 0;
      await page.getByRole('button', { name: `${a} with ${b}: ${value}. Show where` }).click();
      const places = page.getByTestId('pair-places');
      await places.getByRole('heading', { name: `${a} with ${b}` }).waitFor();
      await expect.poll(() => places.locator('ol > li').count()).toBe(value);
      expect(await places.textContent()).not.toContain('has changed');
    }
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Who shares a code' }).click();
    await chooseCode(page, /^Code/, 'media');
    await page.getByRole('heading', { name: '“media” is found with 3 of 8 cases' }).waitFor();
    const columns = page.getByRole('list', { name: 'Cases with “media”' }).locator(':scope > li');
    expect(await columns.locator('h3').allTextContents()).toEqual(['Albin', 'Cathrin', 'Kristin']);
    expect(await columns.first().locator('blockquote').textContent()).toBe(quoteOf('Albin', 'media'));
    // Side by side: the case columns share a row.
    const tops = await columns.evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    expect(await page.getByText(/^Not found with: /).textContent()).toContain('Elin');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('finds a stemmed Swedish word as keyword-in-context lines and lands on the marked place', async () => {
    await page.goto(at('queries/search'));
    await page.getByRole('searchbox', { name: 'Search the texts' }).fill('föräldrarna');
    await page.keyboard.press('Enter');
    const results = page.getByTestId('search-results');
    await results.getByText('3 places in 2 sources.').waitFor();
    // None of the places has the word as typed: every one is another form of it.
    const matches = await results.locator('mark').allTextContents();
    expect(matches.map((m) => m.toLowerCase()).sort()).toEqual(['föräldrar', 'föräldrar', 'föräldrarnas']);
    expect(await results.locator('section.group h3').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);

    const line = results.locator('a.kwic').last();
    const word = (await line.locator('mark').textContent()) ?? '';
    const source = (await line.locator('xpath=ancestor::section[1]').getAttribute('data-source')) ?? '';
    await line.click();
    await page.getByRole('document', { name: `Text of ${source}` }).waitFor();
    // The place is selected (ready to code with C), marked, on screen, with the focus in the text.
    await expect.poll(() => page.evaluate(() => document.getSelection()?.toString())).toBe(word);
    const landed = await page.evaluate(() => {
      const found = CSS.highlights.get('koda-found');
      const range = found ? ([...found][0] as Range) : null;
      const box = document.querySelector('.doc-scroll')?.getBoundingClientRect();
      const rect = range?.getBoundingClientRect();
      return {
        marked: range?.toString(),
        focused: document.activeElement?.classList.contains('doc-scroll'),
        visible: Boolean(box && rect && rect.top >= box.top && rect.bottom <= box.bottom && rect.height > 0),
      };
    });
    expect(landed).toEqual({ marked: word, focused: true, visible: true });
    await page.getByText(`${word.length} characters selected`).waitFor();

    // Back: the results are still there.
    await page.goBack();
    await results.getByText('3 places in 2 sources.').waitFor();
  });

  it('previews every auto-coding hit, applies them as one change, and Ctrl+Z takes them back', async () => {
    // Another coder already has the first span: the preview says so, and it is still coded here.
    const planned = await kerstinCodesTheFirst(AUTOCODE);
    const n = planned.segments;
    expect(n).toBeGreaterThan(0);
    const before = (await retrieveSegments(server.ctx, { project })).length;

    await page.goto(at('queries/autocode'));
    const apply = page.getByRole('button', { name: /^(Apply|Code \d+ segment)/ });
    expect(await apply.isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Find' }).fill('föräldrarna');
    await page.getByRole('combobox', { name: /^As/ }).selectOption('stem');
    await page.getByRole('combobox', { name: /^Segment/ }).selectOption('sentence');
    await chooseCode(page, /^With the code/, 'informationsförmedling');
    await page.getByRole('combobox', { name: /^Spoken by/ }).selectOption('participant');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('autocode-preview');
    await preview.getByTestId('autocode-summary').waitFor();
    expect(await preview.getByTestId('autocode-summary').textContent()).toContain(
      `${counted(n, 'new segment')} from ${counted(planned.hits, 'hit')} in ${counted(planned.sources, 'source')}`,
    );
    expect(await preview.locator('.kwic-list li').count()).toBe(n);
    expect(await preview.getByTestId('autocode-prior').textContent()).toContain('kerstin: the same span 1, overlapping 0');
    expect(await preview.locator('.kwic-list li').first().getByTestId('coded-by').textContent()).toBe(
      'already coded by kerstin (the same span) ',
    );
    expect(await preview.locator('mark').allTextContents()).toEqual(planned.listed.map((p) => p.text));
    expect(await seriousViolations(page)).toEqual([]);
    // The preview wrote nothing.
    expect((await retrieveSegments(server.ctx, { project })).length).toBe(before);

    await page.getByRole('button', { name: `Code ${counted(n, 'segment')}` }).click();
    await page.getByText(`Coded ${counted(n, 'segment')} with “informationsförmedling”. Ctrl+Z undoes it.`).waitFor();
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project })).length).toBe(before + n);
    const history = await listHistory(server.ctx, { project });
    expect(history[0]?.action).toBe('segment.autocode');

    await page.keyboard.press('Control+z');
    await page.getByText('Undone: auto-coding.').waitFor();
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project })).length).toBe(before);
  });

  it('reads in Swedish', async () => {
    await page.context().close();
    ({ page } = await newPage(browser, 'sv'));
    await page.goto(at('queries/matrix'));
    await page.getByRole('navigation', { name: 'Projektets sidor' }).getByRole('link', { name: 'Frågor' }).waitFor();
    await page.getByRole('link', { name: 'Rapport' }).waitFor();
    await page.getByRole('heading', { name: 'Frågor' }).waitFor();
    await page.locator('td[data-row="media"][data-column="Albin"]').waitFor();
    expect(await page.getByRole('link', { name: 'Textsökning' }).isVisible()).toBe(true);
    expect(
      await page
        .getByRole('combobox', { name: /^Celler/ })
        .locator('option:checked')
        .textContent(),
    ).toBe('Kodade segment');
    expect(await seriousViolations(page)).toEqual([]);

    // The auto-coding preview names, in Swedish, who already coded a span.
    await kerstinCodesTheFirst(AUTOCODE);
    await page.goto(at('queries/autocode'));
    await page.getByRole('textbox', { name: 'Hitta' }).fill('föräldrarna');
    await page.getByRole('combobox', { name: /^Som/ }).selectOption('stem');
    await page.getByRole('combobox', { name: /^Segment/ }).selectOption('sentence');
    await chooseCode(page, /^Med koden/, 'informationsförmedling');
    await page.getByRole('combobox', { name: /^Sagt av/ }).selectOption('participant');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    const preview = page.getByTestId('autocode-preview');
    await preview.getByTestId('autocode-prior').getByText('kerstin: samma avsnitt 1, överlappande 0').waitFor();
    expect(await preview.getByTestId('coded-by').first().textContent()).toBe('redan kodat av kerstin (samma avsnitt) ');
  });
});
