/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Small things a researcher expects, driven with real mouse and keyboard events in Chromium.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import { deleteCode } from '../../src/commands/deleteCode.js';
import { importSource } from '../../src/commands/importSource.js';
import { listCases } from '../../src/commands/listCases.js';
import { listSources } from '../../src/commands/listSources.js';
import { renameSource } from '../../src/commands/renameSource.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, SKIP_REASON, startServer, transcriptFileField } from './browser.js';

const TRANSCRIPT = 'I: Hur arbetar ni?\n\nAlbin: Vi har ett områdesteam.\n';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

const sourceNames = async () => (await listSources(server.ctx, { project: 'Studie' })).map((s) => s.name).sort();

describe.skipIf(!hasChromium)('small things a researcher expects', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await addCase(ctx, { project: 'Studie', name: 'Albin' });
      await importSource(ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(TRANSCRIPT), case: 'Albin' });
    });
    ({ page } = await newPage(browser));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('renames a source from the sources table: typed, Enter saves; Escape cancels; a taken name is refused', async () => {
    await importSource(server.ctx, { project: 'Studie', fileName: 'kerstin.txt', bytes: utf8('I: Och du?\n\nKerstin: Ja.\n') });
    await page.goto(`${server.url}/#/p/Studie`);
    await page.getByRole('button', { name: 'Rename albin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rename “albin”' });
    const field = dialog.getByLabel('New name');
    expect(await field.inputValue()).toBe('albin');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Intervju 1 Albin');
    await page.keyboard.press('Enter');
    await page.getByRole('link', { name: 'Intervju 1 Albin' }).waitFor();
    expect(await sourceNames()).toEqual(['Intervju 1 Albin', 'kerstin']);
    expect(await dialog.count()).toBe(0);

    // Escape changes nothing.
    await page.getByRole('button', { name: 'Rename kerstin' }).click();
    await page.keyboard.type(' x');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await sourceNames()).toEqual(['Intervju 1 Albin', 'kerstin']);

    // A taken name: refused in plain words, the dialog stays to correct it.
    await page.getByRole('button', { name: 'Rename kerstin' }).click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Intervju 1 Albin');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('A source named "Intervju 1 Albin" already exists in this project.');
    expect(await page.getByRole('dialog', { name: 'Rename “kerstin”' }).isVisible()).toBe(true);
    expect(await sourceNames()).toEqual(['Intervju 1 Albin', 'kerstin']);
  });

  it('creates a case from the import form and links the new source to it', async () => {
    await page.goto(`${server.url}/#/p/Studie`);
    const file = join(server.dir, 'kerstin.txt');
    writeFileSync(file, 'I: Hur länge?\n\nKerstin: Sedan 2015.\n');
    await transcriptFileField(page).setInputFiles(file);
    await page.locator('form.import').getByLabel(/^Case/).selectOption({ label: 'New case…' });
    await page.getByLabel('Name of the new case').click();
    await page.keyboard.type('Kerstin');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect.poll(() => page.getByLabel('Case of kerstin').inputValue()).not.toBe('');
    const { cases } = await listCases(server.ctx, { project: 'Studie' });
    expect(cases.map((c) => [c.name, c.sources])).toEqual([
      ['Albin', 1],
      ['Kerstin', 1],
    ]);
    expect(await page.getByLabel('Case of kerstin').locator('option:checked').textContent()).toBe('Kerstin');
    // The form is ready for the next file: no case chosen, the name field gone.
    expect(await page.getByLabel('Name of the new case').count()).toBe(0);
  });

  it('asks before storing a copy of text the project already has: Cancel stores nothing, Store a copy stores it', async () => {
    await page.goto(`${server.url}/#/p/Studie`);
    const file = join(server.dir, 'albin igen.txt');
    writeFileSync(file, TRANSCRIPT);
    await transcriptFileField(page).setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'This text is already in the project' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('albin igen.txt: the same text is already in the project as "albin"');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await dialog.count()).toBe(0);
    expect(await sourceNames()).toEqual(['albin']);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByRole('button', { name: 'Store a copy' }).click();
    await page.getByRole('link', { name: 'albin igen' }).waitFor();
    expect(await sourceNames()).toEqual(['albin', 'albin igen']);
    // The copy is named as the warning says.
    await expect.poll(() => page.getByRole('status').textContent()).toContain('the same text is already in the project');
  });

  it('searches the participants’ words only when asked: the interviewer’s question is left out', async () => {
    await page.goto(`${server.url}/#/p/Studie/queries/search`);
    await page.getByLabel('Search the texts').click();
    await page.keyboard.type('arbetar');
    await page.keyboard.press('Enter');
    const results = page.getByTestId('search-results');
    await expect.poll(() => results.locator('.kwic').allTextContents()).toEqual([expect.stringContaining('Hur arbetar ni?')]);
    await page.getByLabel('Spoken by').selectOption({ label: 'participants' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await results.getByText('0 places in 0 sources.').waitFor();
    await page.getByLabel('Spoken by').selectOption({ label: 'interviewers' });
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results.locator('.kwic').count()).toBe(1);
  });

  it('the audit log names sources and codes as they are now, and says when one is gone', async () => {
    const code = await addCode(server.ctx, { project: 'Studie', name: 'media' });
    await renameSource(server.ctx, { project: 'Studie', source: 'albin', name: 'Intervju Albin' });
    await addCode(server.ctx, { project: 'Studie', name: 'tidsbrist' });
    await deleteCode(server.ctx, { project: 'Studie', code: 'tidsbrist' });
    await page.goto(`${server.url}/#/p/Studie/audit`);
    const table = page.locator('.audit-table');
    await table.waitFor();
    const objects = (action: string) => table.locator(`tr[data-action="${action}"] .audit-object`).allTextContents();
    const source = (await listSources(server.ctx, { project: 'Studie' }))[0];
    const [albin] = await listCases(server.ctx, { project: 'Studie' }).then((r) => r.cases);
    expect(await objects('source.import')).toEqual([`source Intervju Albin ${source?.id}`, `case ${albin?.id}`]);
    expect((await objects('code.add')).sort()).toEqual([expect.stringMatching(/^\(deleted\) /), `code media ${code.id}`].sort());
  });
});

if (!hasChromium) console.warn(SKIP_REASON);
