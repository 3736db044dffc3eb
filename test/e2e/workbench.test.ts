/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedLargeDocument } from '../../bench/browser.js';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import { importSource } from '../../src/commands/importSource.js';
import { listCases } from '../../src/commands/listCases.js';
import { unpackCoding } from '../../src/core/sourceCoding.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { utf8 } from '../helpers.js';
import {
  hasChromium,
  highlightedTexts,
  launchBrowser,
  newPage,
  SKIP_REASON,
  selectPassage,
  seriousViolations,
  startServer,
} from './browser.js';

const TRANSCRIPT =
  'I: Hur arbetar ni?\n\nAlbin: Vi har ett områdesteam och en mötesplats i centrum.\n\nI: Och hindren?\n\nAlbin: Media och tidsbrist.\n';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
const pages: Page[] = [];

async function open(path: string, lang: 'en' | 'sv' = 'en'): Promise<Page> {
  const { page } = await newPage(browser, lang);
  pages.push(page);
  await page.goto(`${server.url}/${path}`);
  return page;
}

describe.skipIf(!hasChromium)('the workbench in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await defineAttribute(ctx, { project: 'Studie', name: 'stadsdel', type: 'choice', choices: ['W', 'X', 'Y'] });
      await addCase(ctx, { project: 'Studie', name: 'Albin', attributes: { stadsdel: 'W' } });
      await importSource(ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(TRANSCRIPT), case: 'Albin' });
      await addCode(ctx, { project: 'Studie', name: 'Strategier', color: '#e0b000' });
      await addCode(ctx, { project: 'Studie', name: 'områdesteam', parent: 'Strategier' });
      await addCode(ctx, { project: 'Studie', name: 'Hinder', color: '#d64541' });
      await addCode(ctx, { project: 'Studie', name: 'tidsbrist', parent: 'Hinder' });
      await addCode(ctx, { project: 'Studie', name: 'media', color: '#4e79a7' });
      const start = TRANSCRIPT.indexOf('områdesteam');
      await applyCoding(ctx, {
        project: 'Studie',
        source: 'albin',
        code: 'områdesteam',
        start,
        end: start + 'områdesteam'.length,
        memo: 'Samverkan',
      });
      const t = TRANSCRIPT.indexOf('tidsbrist');
      await applyCoding(ctx, { project: 'Studie', source: 'albin', code: 'tidsbrist', start: t, end: t + 9 });
    });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) {
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await page.context().close();
    }
    await server.close();
  });

  it('switches between Swedish and English, remembers the choice, and shows API errors in it', async () => {
    const page = await open('#/p/Studie');
    await page.getByRole('heading', { name: 'Sources' }).waitFor();
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { name: 'Källor' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
    await page.reload();
    await page.getByRole('heading', { name: 'Fall och egenskaper' }).waitFor();
    expect(await page.getByRole('button', { name: 'Svenska' }).getAttribute('aria-pressed')).toBe('true');
    // An error from the API comes in the chosen language, in plain words.
    await page.goto(`${server.url}/#/`);
    await page.getByLabel('Namn').fill('Studie');
    await page.getByRole('button', { name: 'Skapa projekt' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Det finns redan ett projekt som heter "Studie".');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    expect(await page.evaluate(() => localStorage.getItem('koda.lang'))).toBe('en');
  });

  it('drags a code under another category, and reorders with Alt+arrows', async () => {
    const page = await open('#/p/Studie');
    const row = (name: string) => page.getByRole('treeitem', { name, exact: true });
    await row('media').waitFor();
    await page.dragAndDrop('[role=treeitem][aria-label="media"]', '[role=treeitem][aria-label="Hinder"]');
    await expect.poll(() => page.getByRole('treeitem', { name: 'media' }).getAttribute('aria-level')).toBe('2');
    const hinder = (await getCodebook(server.ctx, { project: 'Studie' })).find((n) => n.name === 'Hinder');
    expect(hinder?.children.map((c) => c.name)).toEqual(['tidsbrist', 'media']);

    // Keyboard: media up above tidsbrist, then Hinder above Strategier.
    await row('media').click();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(async () => (await getCodebook(server.ctx, { project: 'Studie' }))[1]?.children.map((c) => c.name))
      .toEqual(['media', 'tidsbrist']);
    await row('Hinder').click();
    await page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(async () => (await getCodebook(server.ctx, { project: 'Studie' })).map((n) => n.name))
      .toEqual(['Hinder', 'Strategier']);
    // The tree follows, with the counts of each branch.
    await expect
      .poll(() => page.getByRole('treeitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label'))))
      .toEqual(['Hinder', 'media', 'tidsbrist', 'Strategier', 'områdesteam']);
  });

  it('renames, recolours, merges and deletes codes, deletion after a confirmation', async () => {
    const page = await open('#/p/Studie');
    const row = (name: string) => page.getByRole('treeitem', { name, exact: true });
    await row('media').click();
    await page.keyboard.press('F2');
    await page.getByRole('textbox', { name: /New name for/ }).fill('mediebild');
    await page.keyboard.press('Enter');
    await page.getByRole('treeitem', { name: 'mediebild' }).waitFor();
    await page.getByLabel('Colour').fill('#2e9e4f');
    await expect
      .poll(async () => (await getCodebook(server.ctx, { project: 'Studie' })).find((n) => n.name === 'mediebild')?.color)
      .toBe('#2e9e4f');

    await row('tidsbrist').click();
    await page.getByRole('button', { name: 'Merge…' }).click();
    await page.getByLabel(/Merge “tidsbrist” into/).selectOption({ label: 'mediebild' });
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await expect
      .poll(async () => (await getCodebook(server.ctx, { project: 'Studie' })).find((n) => n.name === 'mediebild')?.segments)
      .toBe(1);

    await row('Strategier').click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: 'Delete “Strategier”?' });
    await expect.poll(() => dialog.textContent()).toContain('This removes 2 codes and 1 coded segment');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await getCodebook(server.ctx, { project: 'Studie' })).map((n) => n.name)).toContain('Strategier');
    await page.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect
      .poll(async () => (await getCodebook(server.ctx, { project: 'Studie' })).map((n) => n.name))
      .not.toContain('Strategier');
    await page.keyboard.press('Control+z');
    await expect
      .poll(async () => (await getCodebook(server.ctx, { project: 'Studie' })).map((n) => n.name))
      .toContain('Strategier');
    await page.getByRole('treeitem', { name: 'områdesteam' }).waitFor();
  });

  it('edits case attributes in place', async () => {
    const page = await open('#/p/Studie');
    await page.getByRole('button', { name: /Edit stadsdel of Albin/ }).click();
    await page.getByRole('combobox', { name: 'Edit stadsdel of Albin' }).selectOption('Y');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await listCases(server.ctx, { project: 'Studie' })).cases[0]?.attributes.stadsdel).toBe('Y');
    await expect.poll(() => page.getByRole('button', { name: /Edit stadsdel of Albin/ }).textContent()).toBe('Y');
  });

  it('retrieves a category with the codes below it and jumps to a segment in context', async () => {
    const page = await open('#/p/Studie');
    await page.getByRole('treeitem', { name: 'Strategier' }).click();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Segments coded “Strategier”' }).waitFor();
    await expect.poll(() => page.locator('blockquote').allTextContents()).toEqual(['områdesteam']);
    expect(await page.locator('.segments').textContent()).toContain('Samverkan');
    await page.getByRole('link', { name: /Show in context/ }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent)).toBe('områdesteam');
    await expect.poll(() => page.locator('.here').textContent()).toContain('Samverkan');
  });

  // How fast the other tab sees it is a speed, measured in bench/; this checks that it sees it.
  it('shows one tab the coding and codebook changes of another, live', async () => {
    const a = await open('#/p/Studie/s/albin');
    const b = await open('#/p/Studie/s/albin');
    await b.locator('mark').first().waitFor();
    await a.locator('mark').first().waitFor();
    await b.locator('[data-live="true"]').waitFor();
    await selectPassage(a, 'en mötesplats i centrum');
    await a.keyboard.press('c');
    await a.keyboard.type('områdesteam');
    await a.keyboard.press('Enter');
    await expect
      .poll(async () => Object.values(await highlightedTexts(b)), { timeout: 10_000, interval: 50 })
      .toContain('en mötesplats i centrum');
    await a.getByRole('treeitem', { name: 'media' }).dblclick();
    await a.getByRole('textbox', { name: /New name for/ }).fill('medier');
    await a.keyboard.press('Enter');
    await b.getByRole('treeitem', { name: 'medier' }).waitFor({ timeout: 10_000 });
  });

  it('has no serious or critical accessibility violations on the main views', async () => {
    const page = await open('#/');
    await page.getByRole('link', { name: 'Studie' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/#/p/Studie`);
    await page.getByRole('treeitem', { name: 'media' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${server.url}/#/p/Studie/s/albin`);
    await page.locator('mark').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await selectPassage(page, 'Media och');
    await page.keyboard.press('c');
    await page.getByRole('listbox').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/#/p/Studie/code/Hinder`);
    await page.locator('blockquote').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('opens a long transcript with thousands of segments drawing only what is on screen', async () => {
    const doc = await seedLargeDocument(server.ctx, 'Lång', { chars: 300_000, segments: 3_000 });
    const page = await open(`#/p/${encodeURIComponent('Lång')}/s/${doc.sourceId}`);
    await page.waitForFunction(() => performance.getEntriesByName('koda:doc-painted').length > 0, null, { timeout: 10_000 });
    const shown = await page.evaluate(() => (document.querySelector('.doc-scroll')?.textContent ?? '').length);
    expect(shown).toBeGreaterThan(2_000);
    expect(shown).toBeLessThan(40_000);
    // Scroll to the end: the last block is drawn, and only a few blocks are.
    const blocks = await page.evaluate(() => {
      const el = document.querySelector('.doc-scroll') as HTMLElement;
      el.scrollTop = el.scrollHeight;
      return new Promise<number[]>((resolve) =>
        setTimeout(() => resolve([...el.querySelectorAll<HTMLElement>('[data-block]')].map((b) => Number(b.dataset.block))), 300),
      );
    });
    expect(blocks.length).toBeLessThan(20);
    // The page's own session is the browser's; this request signs in over HTTP as the laptop's person.
    const signIn = await fetch(`${server.url}/api/session/local`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-koda-csrf': '1' },
      body: JSON.stringify({ name: 'tester' }),
    });
    const headers = { cookie: (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
    const source = await (
      await fetch(`${server.url}/api/projects/${encodeURIComponent('Lång')}/sources/${doc.sourceId}`, { headers })
    ).json();
    const tail = await page.evaluate(() => (document.querySelector('[data-block]:last-of-type')?.textContent ?? '').trim());
    expect(source.text.trim().endsWith(tail.slice(-200))).toBe(true);
    // Each highlight that lies wholly on screen covers exactly its segment's text.
    const segments = unpackCoding(
      await (
        await fetch(`${server.url}/api/projects/${encodeURIComponent('Lång')}/sources/${doc.sourceId}/segments`, { headers })
      ).json(),
    );
    const index = new CodePointIndex(source.text);
    const texts = await highlightedTexts(page);
    const whole = segments.filter((s) => texts[s.id] === index.slice(s.start, s.end));
    expect(whole.length).toBeGreaterThan(10);
    expect(whole.length).toBeGreaterThan(Object.keys(texts).length * 0.6);
  });
});

if (!hasChromium) describe('the workbench in the browser', () => it.skip(SKIP_REASON, () => {}));
