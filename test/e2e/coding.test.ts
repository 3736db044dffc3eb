/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { utf8 } from '../helpers.js';
import {
  hasChromium,
  highlightedTexts,
  launchBrowser,
  newPage,
  SKIP_REASON,
  selectPassage,
  startServer,
  transcriptFileField,
} from './browser.js';

// Emoji (astral, and a ZWJ sequence) and a combining mark: offsets must survive UTF-16 ↔ code points.
const TRANSCRIPT = [
  '[00:00:05] I: Hej och välkommen 😀. Berätta om ert arbete.',
  '',
  '[00:00:12] Albin: Vi arbetar med trygghet i området 👨‍👩‍👧 och q\u0303 skolan, mest på kvällarna.',
  '',
  '[00:01:40] I: Vad är svårast?',
  '',
  '[00:01:45] Albin: Tidsbrist och resursbrist, och att media ger en dålig bild av området.',
  '',
].join('\n');

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

describe.skipIf(!hasChromium)('coding in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await addCode(ctx, { project: 'Studie', name: 'Hinder', color: '#d64541' });
      await addCode(ctx, { project: 'Studie', name: 'tidsbrist', parent: 'Hinder' });
      await addCode(ctx, { project: 'Studie', name: 'Strategier', color: '#e0b000' });
    });
    ({ page } = await newPage(browser));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('imports a transcript, codes a passage through the popover, and finds it highlighted after a reload', async () => {
    await page.goto(server.url);
    await page.getByRole('link', { name: 'Studie' }).click();
    const file = join(server.dir, 'albin.txt');
    writeFileSync(file, TRANSCRIPT);
    await transcriptFileField(page).setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('link', { name: 'albin' }).click();
    await page.getByRole('document', { name: /Text of albin/ }).waitFor();

    const passage = 'trygghet i området 👨‍👩‍👧 och q\u0303 skolan';
    await selectPassage(page, passage);
    await page.getByRole('button', { name: 'Code…' }).click();
    const popover = page.getByRole('dialog', { name: 'Apply a code' });
    await popover.getByRole('combobox').fill('trygg');
    await popover.getByRole('option', { name: /Create “trygg”/ }).waitFor();
    await popover.getByRole('combobox').fill('Strategier/trygghet');
    await popover.getByRole('option', { name: 'Create “trygghet” under Strategier' }).click();
    await expect.poll(() => highlightedTexts(page).then((h) => Object.values(h))).toEqual([passage]);

    const stored = await retrieveSegments(server.ctx, { project: 'Studie', code: 'trygghet' });
    expect(stored).toMatchObject([{ text: passage, code: { name: 'trygghet' } }]);
    await page.reload();
    await page.getByRole('document', { name: /Text of albin/ }).waitFor();
    await expect.poll(() => highlightedTexts(page)).toEqual({ [stored[0]!.id]: passage });
    // The codebook shows the new code under its category, with its count.
    await expect.poll(() => page.getByRole('treeitem', { name: 'trygghet' }).getAttribute('aria-level')).toBe('2');
  });

  it('codes with the keyboard alone: caret, Shift+arrows, c, type-ahead, Enter; r repeats; Delete removes; Ctrl+Z undoes', async () => {
    await importSource(server.ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(TRANSCRIPT) });
    await page.goto(`${server.url}/#/p/Studie/s/albin`);
    const text = page.getByRole('document', { name: /Text of albin/ });
    await text.waitFor();
    await page.locator('[data-o]').first().waitFor();
    // Tab from the top of the page until the text has focus.
    for (let i = 0; i < 40 && !(await text.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await text.evaluate((el) => el === document.activeElement)).toBe(true);

    // Down to the second turn's line, past its speaker label word by word, then select three words.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    const caretIn = () => page.evaluate(() => document.getSelection()?.focusNode?.parentElement?.className ?? '');
    for (let i = 0; i < 8 && (await caretIn()) === 'speaker'; i++) await page.keyboard.press('Control+ArrowRight');
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe('');
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+ArrowRight');
    // Word ends differ by platform; whatever the keys selected is what gets coded (ends trimmed).
    const selected = (await page.evaluate(() => document.getSelection()?.toString() ?? '')).trim();
    expect(selected).toMatch(/^(: )?Vi arbetar( med)?$/);

    await page.keyboard.press('c');
    const combo = page.getByRole('dialog', { name: 'Apply a code' }).getByRole('combobox');
    await expect.poll(() => combo.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('tids');
    await expect.poll(() => page.getByRole('option', { name: 'tidsbrist' }).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project: 'Studie' })).length).toBe(1);
    const [first] = await retrieveSegments(server.ctx, { project: 'Studie' });
    expect(first?.text).toBe(selected);
    expect(first?.code.name).toBe('tidsbrist');
    // Focus is back in the text: select on and repeat the last code with r.
    expect(await text.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('r');
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project: 'Studie' })).length).toBe(2);
    await expect.poll(async () => Object.keys(await highlightedTexts(page)).length).toBe(2);

    // ] focuses the first segment; m writes a memo; Delete removes it; Ctrl+Z brings it back.
    await page.keyboard.press(']');
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('MARK');
    const focusedId = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.segmentIds);
    await page.keyboard.press('m');
    await page.getByRole('textbox', { name: /Memo on the segment/ }).fill('Återkommer hos flera.');
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(async () => (await retrieveSegments(server.ctx, { project: 'Studie' })).find((s) => s.id === focusedId)?.memo)
      .toBe('Återkommer hos flera.');
    await text.focus();
    await page.keyboard.press(']');
    await page.keyboard.press('[');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project: 'Studie' })).length).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project: 'Studie' })).length).toBe(2);
    await expect.poll(async () => Object.keys(await highlightedTexts(page)).length).toBe(2);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project: 'Studie' })).length).toBe(1);
    await expect.poll(async () => Object.keys(await highlightedTexts(page)).length).toBe(1);
  });

  it('shows the codes, coder and memo of a highlight on hover, and turns with their timestamps', async () => {
    await importSource(server.ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(TRANSCRIPT) });
    const { applyCoding } = await import('../../src/commands/applyCoding.js');
    await applyCoding(
      { ...server.ctx, actor: 'Zozan' },
      { project: 'Studie', source: 'albin', code: 'tidsbrist', start: 0, end: 30, memo: 'Inledningen' },
    );
    await applyCoding(server.ctx, { project: 'Studie', source: 'albin', code: 'Strategier', start: 20, end: 40 });
    await page.goto(`${server.url}/#/p/Studie/s/albin`);
    const overlap = page.locator('mark[data-segment-ids*=" "]').first();
    await overlap.hover();
    const card = page.getByRole('tooltip');
    await expect.poll(() => card.textContent()).toMatch(/tidsbrist.*by Zozan.*Inledningen.*Strategier.*by tester/s);
    expect(await page.locator('.stripe').count()).toBe(2);
    expect(await page.locator('.gutter .time').allTextContents()).toEqual(['00:05', '00:12', '01:40', '01:45']);
  });
});

if (!hasChromium) describe('coding in the browser', () => it.skip(SKIP_REASON, () => {}));
