/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoProject } from '../../src/commands/createDemoProject.js';
import { runCodingQuery } from '../../src/commands/runCodingQuery.js';
import { saveSmartCode } from '../../src/commands/saveSmartCode.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, signInAs, startServer } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let project = '';

/** The query the tests build: the demo codes discretion 11 times and the media 3 times. */
const EXPRESSION = 'handlingsutrymme OR media';

describe.skipIf(!hasChromium)('the coding query builder and smart codes in the browser', () => {
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
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('builds a query by clicking, shows its hits, reports a syntax error under the field, and saves it as a smart code shown in the codebook', async () => {
    ({ page } = await newPage(browser));
    const expected = await runCodingQuery(server.ctx, { project, expression: EXPRESSION, limit: 1 });
    expect(expected.total).toBeGreaterThan(1);

    await page.goto(`${server.url}/#/p/${project}`);
    await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Coding query' }).click();
    await page.getByRole('heading', { name: 'Coding query', level: 1 }).waitFor();
    const field = page.getByRole('textbox', { name: 'Query', exact: true });

    // Operators wait for a code; a code, then an operator, then a code write the expression.
    const or = page.getByRole('button', { name: 'OR', exact: true });
    expect(await or.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'handlingsutrymme', exact: true }).click();
    expect(await page.getByRole('button', { name: 'media', exact: true }).isDisabled()).toBe(true);
    await or.click();
    await page.getByRole('button', { name: 'media', exact: true }).click();
    expect(await field.inputValue()).toBe(EXPRESSION);
    // Each part is a chip that can be taken away again.
    expect(
      await page
        .getByRole('list', { name: /The query so far/ })
        .getByRole('button')
        .count(),
    ).toBe(3);

    await page.getByRole('button', { name: 'Run query', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('query-total').textContent())
      .toBe(`Passages 1–${Math.min(50, expected.total)} of ${expected.total}`);
    const first = expected.hits[0];
    expect(first).toBeDefined();
    const quotes = page.locator('.query-hits blockquote');
    expect(await quotes.first().textContent()).toBe(first?.text);
    expect(await seriousViolations(page)).toEqual([]);

    // Typed text: the server's syntax error is shown under the field, with its place.
    await field.fill('handlingsutrymme AND');
    await page.getByRole('button', { name: 'Run query', exact: true }).click();
    const error = page.getByTestId('query-error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/character 21/);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    // The chips follow the typed text.
    expect(
      await page
        .getByRole('list', { name: /The query so far/ })
        .getByRole('button')
        .count(),
    ).toBe(2);
    await page.getByRole('button', { name: 'media', exact: true }).click();
    expect(await field.inputValue()).toBe('handlingsutrymme AND media');
    await field.fill(EXPRESSION);
    await page.getByRole('button', { name: 'Run query', exact: true }).click();
    await expect.poll(() => error.count()).toBe(0);

    // Saved as a smart code, it is listed beside the codebook with its count.
    await page.getByRole('button', { name: 'Save as smart code', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as smart code' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Utrymme eller media');
    await dialog.getByRole('textbox', { name: 'Description' }).fill('Handlingsutrymme och media tillsammans.');
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    const smart = page.getByRole('link', { name: `Utrymme eller media, smart code, ${expected.total} passages` });
    await smart.waitFor();
    expect(await page.getByRole('heading', { name: 'Smart codes' }).count()).toBeGreaterThan(0);

    // Its page lists the same passages; a passage opens the document at its place.
    await smart.click();
    await page.getByRole('heading', { name: 'Smart code “Utrymme eller media”' }).waitFor();
    await expect.poll(() => page.getByTestId('query-total').textContent()).toContain(`of ${expected.total}`);
    expect(await page.getByRole('button', { name: 'Edit smart code', exact: true }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page
      .getByRole('link', { name: /^Show in context/ })
      .first()
      .click();
    await expect.poll(() => page.url()).toContain(`at=${first?.start}-${first?.end}`);
  });

  it('shows a viewer a smart code’s passages without the controls to change it', async () => {
    await saveSmartCode(server.ctx, { project, name: 'Utrymme eller media', expression: EXPRESSION });
    const expected = await runCodingQuery(server.ctx, { project, expression: EXPRESSION, limit: 0 });
    const opened = await newPage(browser);
    page = opened.page;
    await signInAs(opened.context, server, 'vera', 'viewer');
    await page.goto(`${server.url}/#/p/${project}/coding-query`);
    await page.getByRole('link', { name: `Utrymme eller media, smart code, ${expected.total} passages` }).click();
    await expect.poll(() => page.getByTestId('query-total').textContent()).toContain(`of ${expected.total}`);
    expect(await page.getByRole('button', { name: 'Edit smart code', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete smart code', exact: true }).count()).toBe(0);
    // A viewer may open and run the query, but not save it.
    await page.getByRole('button', { name: 'Open in the query builder', exact: true }).click();
    expect(await page.getByRole('textbox', { name: 'Query', exact: true }).inputValue()).toContain('handlingsutrymme');
    await page.getByRole('button', { name: 'Run query', exact: true }).click();
    await expect.poll(() => page.getByTestId('query-total').textContent()).toContain(`of ${expected.total}`);
    expect(await page.getByRole('button', { name: 'Save as smart code', exact: true }).count()).toBe(0);
  });
});
