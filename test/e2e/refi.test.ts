/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { exportProject } from '../../src/commands/exportProject.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import { importSource } from '../../src/commands/importSource.js';
import { listProjects } from '../../src/commands/listProjects.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { sample, text, unzip } from '../formats/refi/support.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

const TRANSCRIPT =
  'I: Hur arbetar ni?\n\nAlbin: Vi har ett områdesteam och en mötesplats.\n\nI: Och hindren?\n\nAlbin: Tidsbrist.\n';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

describe.skipIf(!hasChromium)('REFI-QDA export and import in the browser', () => {
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
      await addCode(ctx, { project: 'Studie', name: 'Strategier', color: '#e0b000' });
      await addCode(ctx, { project: 'Studie', name: 'områdesteam', parent: 'Strategier' });
      await addCode(ctx, { project: 'Studie', name: 'tidsbrist' });
      const at = (w: string) => ({ start: TRANSCRIPT.indexOf(w), end: TRANSCRIPT.indexOf(w) + w.length });
      await applyCoding(ctx, { project: 'Studie', source: 'albin', code: 'områdesteam', ...at('ett områdesteam') });
      await applyCoding({ ...ctx, actor: 'bo' }, { project: 'Studie', source: 'albin', code: 'tidsbrist', ...at('Tidsbrist') });
      await recordConsent(ctx, { project: 'Studie', case: 'Albin', letterVersion: 'v1', consentedOn: '2019-03-01' });
    });
    ({ page } = await newPage(browser));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('exports a .qdpx download and imports it into a new project, showing what came over', async () => {
    await page.goto(`${server.url}/#/p/Studie`);
    const exchange = page.getByRole('region', { name: 'Exchange with other programs (REFI-QDA)' });
    await exchange.waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exchange.getByRole('button', { name: 'Export project (.qdpx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Studie.qdpx');
    const file = join(server.dir, 'Studie.qdpx');
    await download.saveAs(file);
    const bytes = new Uint8Array(readFileSync(file));
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip
    const qde = text(unzip(bytes)['project.qde']);
    expect(qde).toContain('områdesteam');
    // What the file does not carry is said, plainly: consent stays in Koda.
    await exchange.getByText('Not in “Studie.qdpx”:').waitFor();
    expect(await exchange.textContent()).toContain('1 consent record and its form: kept in Koda, never exported');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Projects' }).first().click();
    await page.getByLabel('File (.qdpx project or .qdc codebook)').setInputFiles(file);
    await page.getByLabel('Title of the new project (optional)').fill('Kopia');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.getByRole('heading', { level: 3 }).textContent()).toBe('Imported “Studie.qdpx”');
    expect(await summary.textContent()).toContain('A new project: “Kopia”. Made with Koda.');
    const cameOver = await summary.locator('ul').first().locator('li').allTextContents();
    expect(cameOver).toEqual(expect.arrayContaining(['2 coders', '3 codes', '1 case', '1 source', '2 coded segments']));
    await summary.getByRole('heading', { name: 'What was not carried over as it was' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The project list has it, with its counts; the summary's link opens it.
    await page.getByRole('link', { name: 'Kopia', exact: true }).waitFor();
    const kopia = (await listProjects(server.ctx)).find((p) => p.name === 'Kopia');
    expect(kopia).toMatchObject({ sources: 1, cases: 1, codes: 3, segments: 2 });
    await summary.getByRole('link', { name: 'Open “Kopia”' }).click();
    await page.getByRole('link', { name: 'albin' }).waitFor();
    await page.getByRole('treeitem', { name: 'områdesteam' }).waitFor();
  });

  it('lists everything a file from another program could not bring over', async () => {
    await page.goto(server.url);
    const file = join(server.dir, 'atlas.qdpx');
    writeFileSync(file, sample('atlasti-23.2-codes-only.qdpx'));
    await page.getByLabel('File (.qdpx project or .qdc codebook)').setInputFiles(file);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    const notCarried = summary.locator('ul.not-carried li');
    expect(await notCarried.allTextContents()).toEqual([
      expect.stringMatching(/^3 codes without a colour; given their parent's or a new one/),
    ]);
    // In Swedish too, as the API words it.
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByLabel('Fil (.qdpx-projekt eller .qdc-kodbok)').setInputFiles(file);
    await page.getByLabel('Det nya projektets titel (valfritt)').fill('Atlas 2');
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('import-summary').locator('ul.not-carried li').first().textContent())
      .toMatch(/^3 kod/);
    // Importing under a taken name is refused in plain words.
    await page.getByLabel('Fil (.qdpx-projekt eller .qdc-kodbok)').setInputFiles(file);
    await page.getByLabel('Det nya projektets titel (valfritt)').fill('Studie');
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Studie');
  });

  it('imports a codebook (.qdc) into the open project', async () => {
    await createProject(server.ctx, { name: 'Annan' });
    await addCode(server.ctx, { project: 'Annan', name: 'Möjligheter', color: '#2e8b57' });
    await addCode(server.ctx, { project: 'Annan', name: 'samverkan', parent: 'Möjligheter' });
    const qdc = await exportProject(server.ctx, { project: 'Annan', format: 'qdc' });
    const file = join(server.dir, 'Annan.qdc');
    writeFileSync(file, qdc.bytes);

    await page.goto(`${server.url}/#/p/Studie`);
    await page.getByLabel('Codebook file (.qdc)').setInputFiles(file);
    await page.getByRole('button', { name: 'Add codebook' }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Added to the project “Studie”.');
    expect(await summary.textContent()).toContain('2 codes');
    await page.getByRole('treeitem', { name: 'samverkan' }).waitFor();
    expect((await getCodebook(server.ctx, { project: 'Studie' })).map((n) => n.name)).toContain('Möjligheter');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
