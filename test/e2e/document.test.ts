/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { codeShade, HIGHLIGHT } from '../../src/core/codebook/colors.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, SKIP_REASON, seriousViolations, startServer } from './browser.js';

const TRANSCRIPT = [
  'I: Hur arbetar ni i området?',
  '',
  'Albin: Vi har ett områdesteam och en mötesplats i centrum, och vi träffas varje vecka.',
  '',
  'I: Och hindren?',
  '',
  'Albin: Media och tidsbrist, och att pengarna tar slut när projekten gör det.',
  '',
].join('\n');

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

/** The selection on the page as text. */
const selected = () => page.evaluate(() => document.getSelection()?.toString() ?? '');

/** Centre-left point of the first letter of the first highlight holding `word`. */
async function firstLetterOf(word: string): Promise<{ x: number; y: number }> {
  return page.evaluate((w) => {
    const mark = [...document.querySelectorAll<HTMLElement>('mark[data-segment-ids]')].find((m) => m.textContent?.startsWith(w));
    const text = mark?.firstChild;
    if (!text) throw new Error(`no highlight starting with ${w}`);
    const r = document.createRange();
    r.setStart(text, 0);
    r.setEnd(text, 1);
    const box = r.getBoundingClientRect();
    return { x: box.left + 1, y: box.top + box.height / 2 };
  }, word);
}

/** Right edge (centre height) of the last character of the first occurrence of `word` in the text. */
async function endOf(word: string): Promise<{ x: number; y: number }> {
  return page.evaluate((w) => {
    for (const run of document.querySelectorAll<HTMLElement>('.doc-scroll [data-o]')) {
      const text = run.firstChild as Text | null;
      const at = text?.data.indexOf(w) ?? -1;
      if (!text || at < 0) continue;
      const r = document.createRange();
      r.setStart(text, at + w.length - 1);
      r.setEnd(text, at + w.length);
      const box = r.getBoundingClientRect();
      return { x: box.right - 1, y: box.top + box.height / 2 };
    }
    throw new Error(`not on screen: ${w}`);
  }, word);
}

/** A click in plain text: the selection collapses there, as a user clears it. */
async function clickAway() {
  const at = await endOf('Och hindren');
  await page.mouse.click(at.x, at.y);
}

async function drag(from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // In steps, as a hand moves: each step is a mousemove the page sees.
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 5 });
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

describe.skipIf(!hasChromium)('the document view in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await importSource(ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(TRANSCRIPT) });
      await addCode(ctx, { project: 'Studie', name: 'Strategier', color: '#f2c200' });
      await addCode(ctx, { project: 'Studie', name: 'områdesteam', parent: 'Strategier' });
      await addCode(ctx, { project: 'Studie', name: 'mötesplats', parent: 'Strategier' });
      const start = TRANSCRIPT.indexOf('områdesteam');
      await applyCoding(ctx, { project: 'Studie', source: 'albin', code: 'områdesteam', start, end: start + 11 });
    });
    ({ page } = await newPage(browser));
    await page.goto(`${server.url}/#/p/Studie/s/albin`);
    await page.locator('mark[data-segment-ids]').first().waitFor();
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('asks for the text, its coding and the project’s lists while the workbench loads, each once', async () => {
    const second = await page.context().newPage();
    const asked: string[] = [];
    second.on('request', (r) => {
      if (r.url().includes('/api/')) asked.push(new URL(r.url()).pathname);
    });
    await second.goto(`${server.url}/#/p/Studie/s/albin`);
    await second.locator('mark[data-segment-ids]').first().waitFor();
    const first = [
      '/api/session',
      '/api/projects',
      '/api/projects/Studie/sources/albin',
      '/api/projects/Studie/sources/albin/segments',
      '/api/projects/Studie/codebook',
      '/api/projects/Studie/sources',
      '/api/projects/Studie/cases',
    ];
    for (const path of first)
      expect(
        asked.filter((a) => a === path),
        path,
      ).toHaveLength(1);
    // Sent before the workbench's script had run: the page's first script asked for them.
    const sentBeforeStart = await second.evaluate(() => {
      const start = performance.getEntriesByName('koda:start')[0]?.startTime ?? 0;
      return performance
        .getEntriesByType('resource')
        .filter((r) => r.name.includes('/api/projects/Studie/sources/albin'))
        .map((r) => r.startTime < start);
    });
    expect(sentBeforeStart).toEqual([true, true]);
    await second.close();
  });

  it('selects a drag that starts on the first letter of a highlight, and codes it with the right offsets', async () => {
    for (let i = 0; i < 5; i++) {
      await clickAway();
      await drag(await firstLetterOf('områdesteam'), await endOf('mötesplats'));
      await drag(await firstLetterOf('områdesteam'), await endOf('mötesplats'));
      expect(await selected()).toBe('områdesteam och en mötesplats');
      await expect.poll(() => page.locator('.doc-side').textContent()).toContain('29 characters selected');
    }
    // Also when the highlight has the keyboard's focus (] moves to it).
    await clickAway();
    await page.keyboard.press(']');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('MARK');
    await drag(await firstLetterOf('områdesteam'), await endOf('mötesplats'));
    expect(await selected()).toBe('områdesteam och en mötesplats');
    await expect.poll(() => page.locator('.doc-side').textContent()).toContain('29 characters selected');
    await page.keyboard.press('c');
    const popover = page.getByRole('dialog', { name: 'Apply a code' });
    await popover.getByRole('combobox').fill('mötesplats');
    await popover.getByRole('option', { name: 'mötesplats', exact: true }).click();
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project: 'Studie', code: 'mötesplats' })).length).toBe(1);
    const [coded] = await retrieveSegments(server.ctx, { project: 'Studie', code: 'mötesplats' });
    const start = TRANSCRIPT.indexOf('områdesteam');
    expect(coded).toMatchObject({ start, end: start + 29, text: 'områdesteam och en mötesplats' });
  });

  it('selects up to the end of the text for a drag that ends below its last line or outside the text', async () => {
    const tail = 'tidsbrist, och att pengarna tar slut när projekten gör det.';
    const box = await page.locator('.doc-scroll').boundingBox();
    if (!box) throw new Error('no text box');
    // Below the last line, inside the text's box.
    await drag(await endOf('Media och '), { x: box.x + box.width / 2, y: box.y + box.height - 10 });
    expect((await selected()).trim()).toBe(tail);
    // The app's selection state too (the side panel counts it; the text ends with a line break).
    await expect
      .poll(() => page.locator('.doc-side').textContent())
      .toMatch(new RegExp(`(${tail.length}|${tail.length + 1}) characters selected`));
    // Past the text's box: over the side panel, and below the window.
    for (const to of [
      { x: box.x + box.width + 40, y: box.y + box.height - 10 },
      { x: box.x + box.width / 2, y: box.y + box.height + 40 },
    ]) {
      await clickAway();
      await drag(await endOf('Media och '), to);
      expect((await selected()).trim()).toBe(tail);
    }
  });

  it('in a long text drawn in part, a drag past the window selects up to the end of the text drawn', async () => {
    const long = Array.from(
      { length: 400 },
      (_, i) => `Albin: Stycke ${i + 1} om mötesplatsen och områdesteamet i stadsdelen.`,
    ).join('\n\n');
    await importSource(server.ctx, { project: 'Studie', fileName: 'lang.txt', bytes: utf8(long) });
    await page.goto(`${server.url}/#/p/Studie/s/lang`);
    await page.reload(); // the project's list of sources was read before this import
    await page.getByText('Stycke 3 om').waitFor();
    const box = await page.locator('.doc-scroll').boundingBox();
    if (!box) throw new Error('no text box');
    // The last paragraph whose first line is fully on screen.
    const lastOnScreen = await page.evaluate((bottom) => {
      const pieces = [...document.querySelectorAll<HTMLElement>('.doc-scroll .piece')];
      const seen = pieces.filter((p) => p.getBoundingClientRect().top + 30 < bottom);
      return /Stycke \d+/.exec(seen[seen.length - 1]?.textContent ?? '')?.[0] ?? '';
    }, box.y + box.height);
    expect(lastOnScreen).toMatch(/^Stycke \d+$/);
    const from = await endOf('Stycke 3 ');
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 40, { steps: 8 });
    await page.mouse.up();
    const text = await selected();
    expect(text.startsWith('om mötesplatsen och områdesteamet i stadsdelen.\n\nAlbin: Stycke 4 om')).toBe(true);
    expect(text).toContain(`${lastOnScreen} om`);
    // The app's selection is the same passage.
    await expect.poll(() => page.locator('.doc-side').textContent()).toContain(`${[...text].length} characters selected`);
  });

  it('shows each code of a category in its own shade, and names each stripe on hover and to assistive technology', async () => {
    const at = TRANSCRIPT.indexOf('mötesplats');
    await applyCoding(server.ctx, { project: 'Studie', source: 'albin', code: 'mötesplats', start: at, end: at + 10 });
    const alone = TRANSCRIPT.indexOf('pengarna');
    await applyCoding(server.ctx, { project: 'Studie', source: 'albin', code: 'mötesplats', start: alone, end: alone + 8 });
    await page.reload();
    const teamStripe = page.getByRole('img', { name: 'områdesteam (coded by tester)' });
    const placeStripes = page.getByRole('img', { name: 'mötesplats (coded by tester)' });
    await expect.poll(() => placeStripes.count()).toBe(2);
    const background = (el: Element) => getComputedStyle(el).backgroundColor;
    // Both codes inherited Strategier's yellow: each is shown in its own shade of it.
    expect(codeShade('#f2c200', 0, 2)).not.toBe(codeShade('#f2c200', 1, 2));
    expect(await teamStripe.evaluate(background)).toBe(rgb(codeShade('#f2c200', 0, 2)));
    expect(await placeStripes.first().evaluate(background)).toBe(rgb(codeShade('#f2c200', 1, 2)));
    expect(await page.locator('mark', { hasText: 'pengarna' }).evaluate(background)).toBe(
      rgb(codeShade('#f2c200', 1, 2), HIGHLIGHT.alpha),
    );

    const tooltip = page.getByRole('tooltip');
    const pointAt = async (stripe: typeof teamStripe) => {
      const box = await stripe.boundingBox();
      if (!box) throw new Error('stripe not drawn');
      await page.mouse.move(5, 5);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    };
    await pointAt(placeStripes.last());
    await expect.poll(() => tooltip.textContent()).toBe('mötesplats by tester');
    // Two segments side by side on one line share a lane: pointing there names both.
    await pointAt(teamStripe);
    await expect.poll(() => tooltip.textContent()).toBe('områdesteam by testermötesplats by tester');
    expect(await seriousViolations(page)).toEqual([]);

    const { page: swedish } = await newPage(browser, 'sv');
    await swedish.goto(`${server.url}/#/p/Studie/s/albin`);
    await swedish.getByRole('img', { name: 'områdesteam (kodat av tester)' }).waitFor();
    await swedish.context().close();
  });
});

/** A colour as getComputedStyle gives it. */
function rgb(hex: string, alpha?: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const parts = `${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}`;
  return alpha === undefined ? `rgb(${parts})` : `rgba(${parts}, ${alpha})`;
}

if (!hasChromium) describe('the document view in the browser', () => it.skip(SKIP_REASON, () => {}));
