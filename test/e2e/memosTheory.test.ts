import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addConcept } from '../../src/commands/addConcept.js';
import { linkConcept } from '../../src/commands/linkConcept.js';
import { type Study, studyFixture } from '../commands/fixtures.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, signInAs, startServer } from './browser.js';

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
  it('shows a viewer the memos and the theory without a control to change them, and a coder with them', async () => {
    const concept = await addConcept(server.ctx, { project: s.p, name: 'handlingsutrymme', reference: 'Lipsky 2010' });
    const links = [
      ['code', s.codes.tidsbrist],
      ['segment', s.segments.media],
      ['memo', s.memos.code],
    ] as const;
    for (const [target, on] of links) await linkConcept(server.ctx, { project: s.p, concept: concept.id, target, on });

    /**
     * What `name` in `role` is offered to write with on the Memos page, a code's details, the
     * codebook, the top bar, the Theory page and the overview, once each shows its content.
     */
    const writeControls = async (name: string, role: 'coder' | 'viewer') => {
      await signInAs(page.context(), server, name, role);
      await page.goto(`${server.url}/#/p/${s.p}/memos`);
      // A fresh load: a change of the address's # alone would keep the last person's page.
      await page.reload();
      const memos = page.getByRole('region', { name: 'Memos', exact: true });
      await memos.getByRole('article', { name: 'Om Albin' }).getByText('Chef').waitFor();
      // Reading stays: the kind of memo and the search are there for everyone.
      await memos.getByRole('searchbox', { name: 'Search' }).waitFor();
      const onMemosPage = await memos.getByRole('button').count();

      await page.getByRole('treeitem', { name: 'tidsbrist' }).click();
      const details = page.getByRole('region', { name: 'About “tidsbrist”' });
      await details.getByRole('article', { name: 'Definition' }).getByText('Brist på tid').waitFor();
      const onCode = await details.getByRole('button').count();
      const codebookTools = await page
        .getByRole('toolbar', { name: 'Actions on the selected code' })
        .getByRole('button')
        .allTextContents();
      const undo = await page.getByRole('button', { name: /Undo/ }).count();

      await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Theory', exact: true }).click();
      const theory = page.getByRole('region', { name: 'Theory', exact: true });
      const card = theory.getByRole('article', { name: 'handlingsutrymme' });
      await card.getByText('Lipsky 2010').waitFor();
      // Its three links are shown to everyone.
      await card.getByRole('link', { name: 'tidsbrist' }).waitFor();
      await card.getByText('Definition', { exact: true }).waitFor();
      await card.locator('blockquote').waitFor();
      const onTheory = await theory.locator('button, input, textarea, select').count();

      await page.getByRole('navigation', { name: 'Project pages' }).getByRole('link', { name: 'Overview', exact: true }).click();
      await page.getByRole('table').filter({ hasText: 'stadsdel' }).getByText('Kristin').waitFor();
      const onOverview = await page
        .locator('main')
        .locator('button, input, textarea, select')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent?.trim() ?? e.tagName));
      return { onMemosPage, onCode, codebookTools, undo, onTheory, onOverview };
    };

    const coder = await writeControls('cora', 'coder');
    // New memo, and Edit and Delete on each of the fixture's four memos.
    expect(coder.onMemosPage).toBe(1 + 2 * 4);
    // Edit definition, New memo here, Edit and Delete on the code's memo.
    expect(coder.onCode).toBe(4);
    expect(coder.codebookTools).toEqual(['Segments', 'Rename', 'Merge…', 'Delete…']);
    expect(coder.undo).toBe(1);
    expect(coder.onTheory).toBeGreaterThan(0);
    expect(coder.onOverview.length).toBeGreaterThan(1);
    expect(await writeControls('vera', 'viewer')).toEqual({
      onMemosPage: 0,
      onCode: 0,
      codebookTools: ['Segments'],
      undo: 0,
      onTheory: 0,
      // A codebook holds no participant's words: anyone who reads the project may take it out.
      onOverview: ['Export codebook (.qdc)'],
    });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
