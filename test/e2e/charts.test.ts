/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderChart } from '../../src/commands/charts.js';
import { createDemoProject } from '../../src/commands/createDemoProject.js';
import { editCode } from '../../src/commands/editCode.js';
import { frequencyBars, heatmap } from '../../src/core/charts/options.js';
import { chartSvg } from '../../src/formats/charts.js';
import { hasChromium, launchBrowser, newPage, SKIP_REASON, startServer } from './browser.js';

/** Long code names, as a codebook grows them: the axes must show them without running off the figure. */
const LONG = [
  'Handlingsutrymme i myndighetsutövningen',
  'Mediernas bild av stadsdelen och dess invånare',
  'Samverkan mellan skola, socialtjänst och polis',
];

let browser: Browser;

/**
 * Where each text of an SVG lies beyond the figure, as Chromium draws it: the text, and how many
 * pixels it sticks out (0 when it is inside).
 */
async function textsOutside(page: Page, svg: string): Promise<{ text: string; out: number }[]> {
  await page.setContent(`<!doctype html><body style="margin:0">${svg}</body>`);
  return page.evaluate(() => {
    const root = document.querySelector('svg') as SVGSVGElement;
    const box = root.getBoundingClientRect();
    return [...root.querySelectorAll('text')].map((el) => {
      const r = el.getBoundingClientRect();
      const out = Math.max(box.left - r.left, r.right - box.right, box.top - r.top, r.bottom - box.bottom, 0);
      return { text: el.textContent ?? '', out: Math.round(out) };
    });
  });
}

describe.skipIf(!hasChromium)('charts fit their figure and their card', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a server-drawn chart (the report’s) keeps every label inside the figure, long code names too', async () => {
    const { page } = await newPage(browser);
    try {
      const bars = frequencyBars(
        'Kodade segment per kod',
        LONG.map((label, i) => ({ label, value: 3 + i })),
        'segment',
      );
      const map = heatmap({
        title: 'Koder som förekommer tillsammans',
        rows: LONG,
        columns: LONG,
        cells: LONG.map((_, r) => LONG.map((_, c) => (r === c ? 0 : r + c))),
        valueName: 'platser',
      });
      for (const spec of [bars, map]) {
        const texts = await textsOutside(page, chartSvg(spec));
        // The labels are there (shortened or not), and none sticks out of the figure.
        expect(texts.filter((t) => t.text.startsWith('Handlingsutrymme')).length).toBeGreaterThan(0);
        expect(texts.filter((t) => t.out > 1)).toEqual([]);
      }
    } finally {
      await page.context().close();
    }
  });

  describe('in the browser', () => {
    let server: Awaited<ReturnType<typeof startServer>>;
    let project = '';
    beforeEach(async () => {
      server = await startServer(async (ctx) => {
        project = (await createDemoProject(ctx)).id;
        await editCode(ctx, { project, code: 'media', name: LONG[1] as string });
      });
    });
    afterEach(() => server.close());

    for (const width of [700, 1400]) {
      it(`draws every chart no wider than its card in a ${width} px window`, async () => {
        const { context, page } = await newPage(browser);
        await page.setViewportSize({ width, height: 900 });
        try {
          for (const tab of ['frequencies', 'cooccurrence', 'matrix']) {
            await page.goto(`${server.url}/#/p/${project}/queries/${tab}`);
            const svg = page.locator('[data-chart] svg').first();
            await svg.waitFor();
            const sizes = await svg.evaluate((el) => {
              const card = el.closest('.card') as HTMLElement;
              const style = getComputedStyle(card);
              const inner = card.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
              const chart = el.getBoundingClientRect();
              return { chart: chart.width, card: inner, overhang: chart.right - card.getBoundingClientRect().right };
            });
            expect(sizes.chart, tab).toBeGreaterThan(200);
            expect(sizes.chart, tab).toBeLessThanOrEqual(sizes.card + 0.5);
            // Nor does it stick out of the card's side.
            expect(sizes.overhang, tab).toBeLessThan(0);
          }
        } finally {
          await context.close();
        }
      });
    }

    it('the chart the server renders for the report has its long names inside too', async () => {
      const { page } = await newPage(browser);
      try {
        const chart = await renderChart(server.ctx, { project, kind: 'cooccurrence', format: 'svg' });
        const texts = await textsOutside(page, chart.svg as string);
        expect(texts.filter((t) => t.out > 1)).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  });
});

if (!hasChromium) console.warn(SKIP_REASON);
