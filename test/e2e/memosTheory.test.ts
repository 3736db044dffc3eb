import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Study, studyFixture } from '../commands/fixtures.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let s: Study;

describe.skipIf(!hasChromium)('memos and theory in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      s = await studyFixture(ctx);
    });
    ({ page } = await newPage(browser, 'en'));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('writes a memo and a definition on a code, finds the memo by a word in the memo view, links a concept to the code', async () => {
    await page.goto(`${server.url}/#/p/${s.p}`);
    await page.getByRole('treeitem', { name: 'tidsbrist' }).click();
    const details = page.getByRole('region', { name: 'About “tidsbrist”' });
    await details.getByRole('button', { name: 'Edit definition', exact: true }).click();
    await details.getByRole('textbox', { name: 'Definition of “tidsbrist”' }).fill('Talk of having no time for the work.');
    await details.getByRole('button', { name: 'Save', exact: true }).click();
    await details.getByText('Talk of having no time for the work.').waitFor();

    await details.getByRole('button', { name: 'New memo on tidsbrist', exact: true }).click();
    await details.getByRole('textbox', { name: 'Title' }).fill('Väntetider');
    await details.getByRole('textbox', { name: 'Text' }).fill('Handläggarna beskriver köer och brist på handlingsutrymme.');
    await details.getByRole('button', { name: 'Save memo', exact: true }).click();
    await details.getByRole('heading', { name: 'Väntetider' }).waitFor();
    // The fixture's memo on the code is there too.
    await details.getByRole('article', { name: 'Definition' }).waitFor();

    await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Memos', exact: true }).click();
    await page.getByRole('heading', { name: 'Memos', level: 2 }).waitFor();
    await page.getByText('5 memos', { exact: true }).waitFor();
    // "kö" finds "köer" (the same Swedish stem).
    await page.getByRole('searchbox', { name: 'Search' }).fill('kö');
    await page.getByText('1 memo', { exact: true }).waitFor();
    const view = page.getByRole('region', { name: 'Memos', exact: true });
    await view.getByRole('article', { name: 'Väntetider' }).getByRole('link', { name: 'Code: tidsbrist' }).waitFor();
    expect(await view.getByRole('article').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Theory', exact: true }).click();
    await page.getByRole('heading', { name: 'Theory', level: 2 }).waitFor();
    await page.getByRole('textbox', { name: 'Concept' }).fill('handlingsutrymme');
    await page.getByRole('textbox', { name: 'Reference' }).fill('Lipsky 2010');
    await page.getByRole('button', { name: 'Add concept', exact: true }).click();
    const concept = page.getByRole('article', { name: 'handlingsutrymme' });
    await concept.getByText('Lipsky 2010').waitFor();
    await concept.getByRole('combobox', { name: 'Code to link to “handlingsutrymme”' }).selectOption(s.codes.tidsbrist);
    await concept.getByRole('button', { name: 'Link the code', exact: true }).click();
    await concept.getByRole('link', { name: 'tidsbrist' }).waitFor();
    // tidsbrist's two segments, the code below it having none.
    await concept.getByText('2 segments').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // A memo is linked the same way.
    await concept.getByRole('combobox', { name: 'Memo to link to “handlingsutrymme”' }).selectOption({ label: 'Väntetider' });
    await concept.getByRole('button', { name: 'Link the memo', exact: true }).click();
    await concept.getByRole('button', { name: 'Unlink “Väntetider” from “handlingsutrymme”', exact: true }).waitFor();
  });
});
