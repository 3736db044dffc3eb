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
import { importSource } from '../../src/commands/importSource.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { listCases } from '../../src/commands/listCases.js';
import { listConsent } from '../../src/commands/listConsent.js';
import { listRetention } from '../../src/commands/listRetention.js';
import { listSources } from '../../src/commands/listSources.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { utf8 } from '../helpers.js';
import {
  hasChromium,
  highlightedTexts,
  launchBrowser,
  newPage,
  selectPassage,
  seriousViolations,
  startServer,
} from './browser.js';

const KERSTIN = 'I: Hur arbetar ni?\n\nKerstin: Vi har ett områdesteam. Kerstin säger att media ger en dålig bild.\n';
const ALBIN = 'I: Och hindren?\n\nAlbin: Tidsbrist och resursbrist, mest på kvällarna.\n';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;

const spanOf = (text: string, words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

describe.skipIf(!hasChromium)('consent, withdrawal, retention, pseudonyms and the audit log in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await addCase(ctx, { project: 'Studie', name: 'Kerstin' });
      await addCase(ctx, { project: 'Studie', name: 'Albin' });
      await importSource(ctx, { project: 'Studie', fileName: 'kerstin.txt', bytes: utf8(KERSTIN), case: 'Kerstin' });
      await importSource(ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(ALBIN), case: 'Albin' });
      await addCode(ctx, { project: 'Studie', name: 'Hinder', color: '#d64541' });
      await addCode(ctx, { project: 'Studie', name: 'media', parent: 'Hinder' });
      await addCode(ctx, { project: 'Studie', name: 'tidsbrist', parent: 'Hinder' });
      await applyCoding(ctx, { project: 'Studie', source: 'albin', code: 'tidsbrist', ...spanOf(ALBIN, 'Tidsbrist') });
      await applyCoding(ctx, { project: 'Studie', source: 'albin', code: 'Hinder', ...spanOf(ALBIN, 'resursbrist') });
      await recordConsent(ctx, { project: 'Studie', case: 'Albin', letterVersion: 'v1', consentedOn: '2019-03-01' });
    });
    ({ page } = await newPage(browser));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('flags a case without consent, records consent with the signed form, and shows it in the overview', async () => {
    await page.goto(`${server.url}/#/p/Studie/privacy`);
    const row = (name: string) => page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
    await row('Kerstin').getByText('No consent recorded').waitFor();
    expect(await page.getByText('1 of 2 cases has no recorded consent.').isVisible()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await row('Kerstin').getByRole('button', { name: 'Record consent: Kerstin' }).click();
    // The form below now records for Kerstin, with the focus in it.
    expect(await page.getByRole('combobox', { name: /^Case/ }).locator('option:checked').textContent()).toBe('Kerstin');
    await page.getByLabel('Letter version').fill('v2 2019-02-01');
    await page.getByLabel('Date', { exact: true }).fill('2019-03-14');
    const form = join(server.dir, 'samtycke-kerstin.pdf');
    writeFileSync(form, '%PDF-1.4 signerad');
    await page.getByLabel(/^Signed form/).setInputFiles(form);
    await page.getByRole('button', { name: 'Save consent' }).click();

    await row('Kerstin').getByRole('cell', { name: 'samtycke-kerstin.pdf' }).waitFor();
    expect(await row('Kerstin').textContent()).toContain('v2 2019-02-01');
    expect(await row('Kerstin').textContent()).toContain('2019-03-14');
    await page.getByText('Every case has a recorded consent.').waitFor();
    const stored = await listConsent(server.ctx, { project: 'Studie' });
    expect(stored.cases.find((c) => c.name === 'Kerstin')?.consent).toMatchObject({
      letterVersion: 'v2 2019-02-01',
      consentedOn: '2019-03-14',
      form: 'samtycke-kerstin.pdf',
    });
    const bytes = await server.store.db.selectFrom('attachments').select('bytes').executeTakeFirstOrThrow();
    expect(Buffer.from(bytes.bytes).toString()).toBe('%PDF-1.4 signerad');
    // The signed form downloads from the overview.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row('Kerstin').getByRole('link', { name: 'samtycke-kerstin.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('samtycke-kerstin.pdf');
    expect(readFileSync(await download.path()).toString()).toBe('%PDF-1.4 signerad');
  });

  it('warns in plain words when coding the words of a participant without consent', async () => {
    await page.goto(`${server.url}/#/p/Studie/s/kerstin`);
    await page.getByRole('document', { name: /Text of kerstin/ }).waitFor();
    await selectPassage(page, 'media ger en dålig bild');
    await page.getByRole('button', { name: 'Code…' }).click();
    await page.getByRole('dialog', { name: 'Apply a code' }).getByRole('combobox').fill('media');
    await page.keyboard.press('Enter');
    const warning = page.locator('.notice.warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('No consent is recorded for Kerstin.');
    // It stays until dismissed (unlike the "Coded" notice).
    await page.waitForTimeout(5500);
    expect(await warning.isVisible()).toBe(true);
    await warning.getByRole('button', { name: 'Dismiss' }).click();
    expect(await warning.count()).toBe(0);
    // Albin consented: coding his words warns of nothing.
    await page.goto(`${server.url}/#/p/Studie/s/albin`);
    await page.getByRole('document', { name: /Text of albin/ }).waitFor();
    await selectPassage(page, 'mest på kvällarna');
    await page.getByRole('button', { name: 'Code…' }).click();
    await page.getByRole('dialog', { name: 'Apply a code' }).getByRole('combobox').fill('tidsbrist');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await retrieveSegments(server.ctx, { project: 'Studie', source: 'albin' })).length).toBe(3);
    await page.waitForTimeout(300);
    expect(await page.locator('.notice.warning').count()).toBe(0);
  });

  it('withdraws a participant after the dry run names what goes and the name is typed', async () => {
    await page.goto(`${server.url}/#/p/Studie/privacy`);
    await page.getByRole('button', { name: 'Withdraw Albin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Withdraw Albin' });
    const counts = dialog.getByTestId('withdraw-counts');
    await counts.waitFor();
    expect(await counts.locator('li').allTextContents()).toEqual([
      'the case “Albin” with its attributes',
      '1 source',
      '2 coded segments',
      '2 speaker turns',
      '1 consent record',
    ]);
    expect(await dialog.textContent()).toContain('Sources: albin');
    expect(await dialog.textContent()).toContain('This cannot be undone.');
    expect(await seriousViolations(page)).toEqual([]);
    // The dry run erased nothing.
    expect((await listCases(server.ctx, { project: 'Studie' })).cases.map((c) => c.name)).toEqual(['Albin', 'Kerstin']);

    const confirm = dialog.getByRole('button', { name: 'Withdraw and erase' });
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the case’s name/).fill('albin');
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type the case’s name/).fill('Albin');
    await confirm.click();

    await page.getByText('Albin has withdrawn: their material is erased.').waitFor();
    await page.getByText('1 participant has withdrawn; their material is erased.').waitFor();
    expect(await page.getByRole('rowheader', { name: 'Albin', exact: true }).count()).toBe(0);
    expect((await listCases(server.ctx, { project: 'Studie' })).cases.map((c) => c.name)).toEqual(['Kerstin']);
    expect((await listSources(server.ctx, { project: 'Studie' })).map((s) => s.name)).toEqual(['kerstin']);
    expect(await retrieveSegments(server.ctx, { project: 'Studie' })).toEqual([]);
    // The overview no longer lists the source either.
    await page.getByRole('link', { name: 'Overview' }).first().click();
    await page.getByRole('link', { name: 'kerstin' }).waitFor();
    expect(await page.getByRole('link', { name: 'albin' }).count()).toBe(0);
  });

  it('deletes an original once its transcript is verified, after asking', async () => {
    await page.goto(`${server.url}/#/p/Studie/privacy`);
    await page.getByRole('checkbox', { name: 'Delete the original of kerstin when its transcript is verified' }).check();
    await page.getByText('The original of kerstin will be deleted once it is verified.').waitFor();
    await page.getByRole('button', { name: 'Mark verified: kerstin' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the original?' });
    expect(await dialog.textContent()).toContain('“kerstin.txt”');
    await dialog.getByRole('button', { name: 'Delete the original' }).click();
    await page.getByText('The original of kerstin is deleted.').waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'kerstin', exact: true }) });
    await expect.poll(() => row.textContent()).toMatch(/deleted .*verified/);
    const kerstin = (await listRetention(server.ctx, { project: 'Studie' })).find((r) => r.name === 'kerstin');
    expect(kerstin).toMatchObject({ originalKept: false, deleteOriginalWhenVerified: true });
    expect(kerstin?.verifiedAt).not.toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('accepts a suggested name, applies the map after its dry run, and the coding stays on the same words', async () => {
    const text = KERSTIN;
    const seg = await applyCoding(server.ctx, {
      project: 'Studie',
      source: 'kerstin',
      code: 'media',
      ...spanOf(text, 'Kerstin säger att media'),
    });
    const broken = await applyCoding(server.ctx, {
      project: 'Studie',
      source: 'kerstin',
      code: 'Hinder',
      start: text.indexOf('rstin säger'),
      end: text.indexOf('rstin säger') + 'rstin säger'.length,
    });
    await page.goto(`${server.url}/#/p/Studie/pseudonyms`);
    // Locked: suggestions need nothing yet, but adding does.
    const suggestion = page.locator('.suggestion').filter({ has: page.getByText('Kerstin', { exact: true }) });
    await suggestion.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await suggestion.getByRole('button', { name: 'Accept Kerstin' }).click();
    await page.getByLabel('Fictive form for Kerstin').fill('Lena');
    await page.getByRole('button', { name: 'Add to the map' }).first().click();
    await page.getByRole('alert').getByText('The pseudonym key is locked: enter its secret above.').waitFor();

    await page.getByRole('textbox', { name: 'Key secret' }).fill('hemligt');
    await page.getByRole('button', { name: 'Use secret' }).click();
    await page.getByText('Secret given: real forms are shown.').waitFor();
    await page.getByRole('button', { name: 'Add to the map' }).first().click();
    const mapRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Lena' }) });
    await mapRow.waitFor();
    expect(await mapRow.textContent()).toContain('Kerstin');
    expect(await mapRow.textContent()).toContain('person');
    // Accepted: no longer suggested.
    await expect.poll(() => suggestion.count()).toBe(0);
    // The secret lives in memory only.
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(
      'hemligt',
    );

    await page.getByRole('button', { name: 'Apply the map…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Apply the pseudonym map' });
    const report = dialog.getByTestId('apply-report');
    await report.waitFor();
    expect(await report.textContent()).toContain('2 replacements in 1 of 2 sources; on the same words: 3 of 4 coded segments.');
    expect(await report.textContent()).toContain('Segments that cannot stay on the same words (1)');
    await expect.poll(() => report.textContent()).toContain('Hinder by tester: “rstin säger”');
    expect(await report.textContent()).toContain('Applying is refused while these segments would break');
    expect(await dialog.getByRole('button', { name: 'Apply now' }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel('Widen these segments to the whole fictive name').check();
    await expect.poll(() => report.textContent()).toContain('widened to the whole fictive name');
    await expect.poll(() => dialog.getByRole('button', { name: 'Apply now' }).isDisabled()).toBe(false);
    await dialog.getByRole('button', { name: 'Apply now' }).click();
    await page.getByText('Applied: 2 replacements in 1 source.').waitFor();

    // The source's name came from the file name: it is pseudonymised too.
    await page.goto(`${server.url}/#/p/Studie/s/${seg.sourceId}`);
    const doc = page.getByRole('document', { name: 'Text of Lena' });
    await doc.waitFor();
    await expect.poll(() => doc.textContent()).toContain('Lena: Vi har ett områdesteam. Lena säger att media');
    expect(await doc.textContent()).not.toContain('Kerstin');
    const highlights = await highlightedTexts(page);
    expect(highlights[seg.id]).toBe('Lena säger att media');
    expect(highlights[broken.id]).toBe('Lena säger');
  });

  it('lists the audit log newest first and filters it by action', async () => {
    await page.goto(`${server.url}/#/p/Studie/audit`);
    const table = page.locator('.audit-table');
    await table.waitFor();
    const actions = await table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.action));
    const stored = await listAudit(server.ctx, { project: 'Studie' });
    expect(actions).toEqual(stored.map((e) => e.action));
    expect(actions[0]).toBe('consent.record');
    expect(actions.at(-1)).toBe('project.create');
    expect(await table.locator('tbody tr').first().textContent()).toContain('recorded consent');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: /^Action/ }).selectOption('segment.apply');
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    const row = table.locator('tbody tr').first();
    expect(await row.textContent()).toContain('tester');
    const segment = stored.find((e) => e.action === 'segment.apply');
    expect(await row.textContent()).toContain(segment?.objectIds[0]);
  });
});
