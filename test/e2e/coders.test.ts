/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { computeAgreement } from '../../src/commands/computeAgreement.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { type TwoCoderStudy, twoCoderStudy } from '../commands/agreementFixture.js';
import { hasChromium, highlightedTexts, launchBrowser, newPage, seriousViolations, signInAs, startServer } from './browser.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let study: TwoCoderStudy;
const pages: Page[] = [];

/** anna owns the project (she created it); bo codes in it. */
const roleOf = (coder: string) => (coder === 'anna' ? 'owner' : 'coder');

/** A tab signed in as `coder`. */
async function open(path: string, coder: string): Promise<Page> {
  const { page, context } = await newPage(browser);
  await signInAs(context, server, coder, roleOf(coder));
  pages.push(page);
  await page.goto(`${server.url}/${path}`);
  return page;
}

/** The same tab, signed in as someone else. */
async function setCoder(page: Page, coder: string) {
  await signInAs(page.context(), server, coder, roleOf(coder));
  await page.reload();
  await page.getByTestId('coder').getByText(coder).waitFor();
}

// The fixture: "Alfa beta. Gamma delta.\n\nEpsilon zeta. Eta theta." media: anna [0,10), bo [5,23);
// plan: both [25,38). The project is anna's (she created it).
describe.skipIf(!hasChromium)('coders, blind mode, agreement and consensus in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      study = await twoCoderStudy({ ...ctx, actor: 'anna' });
    });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) {
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await page.context().close();
    }
    await server.close();
  });

  it('turns blind mode on as the owner; switching to the other coder hides anna’s highlights', async () => {
    const page = await open('#/p/Studie/coders', 'anna');
    await page.getByText('Owner: anna').waitFor();
    const layers = page.getByRole('region', { name: 'Layers' }).getByRole('table');
    expect(await layers.locator('tbody tr').allTextContents()).toEqual(['anna (you)coder2', 'bocoder2']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Turn blind mode on' }).click();
    await page.getByTestId('blind-state').getByText('On: each coder sees only their own segments').waitFor();

    await page.getByRole('link', { name: 'Overview', exact: true }).last().click();
    await page.getByRole('link', { name: 'intervju' }).click();
    await page.getByRole('document', { name: /Text of intervju/ }).waitFor();
    // The owner sees every layer.
    await expect
      .poll(async () => Object.keys(await highlightedTexts(page)).sort())
      .toEqual(
        Object.values(study.segments)
          .map((s) => s.id)
          .sort(),
      );
    // Now as bo: only his own.
    await setCoder(page, 'bo');
    await expect
      .poll(async () => Object.keys(await highlightedTexts(page)).sort())
      .toEqual([study.segments.boMedia.id, study.segments.boPlan.id].sort());
    expect((await highlightedTexts(page))[study.segments.boMedia.id]).toBe('beta. Gamma delta.');

    // bo cannot end blind mode; the page names neither the owner nor other layers.
    await page.getByRole('link', { name: 'Coders', exact: true }).click();
    await page.getByText('Only the owner can switch blind mode or reveal.').waitFor();
    await page.getByText('Owner: not shown while the project is blind.').waitFor();
    expect(await page.getByRole('button', { name: 'Reveal the layers' }).isDisabled()).toBe(true);
    expect(await layers.locator('tbody tr').allTextContents()).toEqual(['bo (you)coder2']);
    // The owner reveals: bo sees anna's coding again.
    await setCoder(page, 'anna');
    await expect.poll(() => page.getByRole('button', { name: 'Reveal the layers' }).isDisabled()).toBe(false);
    await page.getByRole('button', { name: 'Reveal the layers' }).click();
    await page.getByText('Off: everyone sees every layer.').waitFor();
  });

  it('computes agreement for two coders and shows κ with what it was computed from', async () => {
    const page = await open('#/p/Studie/agreement', 'anna');
    await expect.poll(() => page.getByRole('checkbox', { name: 'bo' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'anna' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Compute', exact: true }).click();
    const results = page.getByTestId('agreement-results');
    await results.waitFor();
    const report = await computeAgreement(server.ctx, { project: 'Studie', coders: ['anna', 'bo'] });
    const kappa = report.codes.find((c) => c.code.name === 'media')?.kappa.value as number;
    expect(kappa).toBeGreaterThan(0);
    const media = results.locator('tr[data-code="Hinder/media"]');
    expect(await media.locator('[data-figure="kappa"]').textContent()).toBe(kappa.toFixed(3));
    const overall = results.locator('tr.overall [data-figure="kappa"]');
    expect(await overall.textContent()).toBe((report.overall.kappa.value as number).toFixed(3));
    // A code nobody used is undefined, with its reason, never a number.
    expect(await results.locator('tr[data-code="tom"]').textContent()).toContain('Nobody used this code');
    expect(await seriousViolations(page)).toEqual([]);

    await media.getByRole('button', { name: 'How this was computed: Hinder/media' }).click();
    const how = results.getByRole('table', { name: 'How the figures of Hinder/media were computed' });
    await how.waitFor();
    // media: both coded 5 characters, anna alone 5, bo alone 13, neither 26 (of 49).
    const rows = await how.locator('tbody tr').allTextContents();
    expect(rows).toContain('11 — coded by anna, bo5');
    expect(rows).toContain('10 — coded by anna; not by bo5');
    expect(rows).toContain('01 — coded by bo; not by anna13');
    expect(rows).toContain('00 — coded by nobody26');
    expect(rows.some((r) => r.startsWith('Observed agreement p_o'))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    // Sentences as the unit: figures change and say so.
    await page.getByLabel('Unit').selectOption('sentence');
    await page.getByRole('button', { name: 'Compute', exact: true }).click();
    await results.getByRole('heading', { name: 'anna · bo — sentence' }).waitFor();
  });

  it('accepts a side into the consensus layer, live in another tab, and a new span picked in the text', async () => {
    const page = await open(`#/p/Studie/compare/${study.source}`, 'anna');
    const other = await open(`#/p/Studie/compare/${study.source}`, 'anna');
    const region = (p: Page) => p.getByRole('article', { name: 'media: “Alfa beta. Gamma delta.”' });
    await region(page).waitFor();
    await region(other).waitFor();
    // plan is agreed: only media is listed.
    expect(await page.getByRole('article').count()).toBe(1);
    expect(await region(page).locator('[data-layer="anna"] mark').allTextContents()).toEqual(['Alfa beta.']);
    expect(await region(page).locator('[data-layer="bo"] mark').allTextContents()).toEqual(['beta. Gamma delta.']);
    // What differs, in words rather than character offsets.
    expect(await region(page).getByRole('list', { name: 'Where they differ' }).getByRole('listitem').allTextContents()).toEqual([
      'coded by anna, not by bo: “Alfa”',
      'coded by bo, not by anna: “Gamma delta.”',
    ]);
    expect(await region(page).textContent()).not.toMatch(/\d+–\d+/);
    expect(await seriousViolations(page)).toEqual([]);

    await region(page).getByRole('button', { name: 'Accept bo: media here' }).click();
    await page.getByText('Accepted into the layer “consensus”.').waitFor();
    const consensus = (p: Page) => region(p).locator('[data-layer="consensus:consensus"] mark');
    await expect.poll(() => consensus(page).allTextContents()).toEqual(['beta. Gamma delta.']);
    // The other tab follows without a reload.
    await expect.poll(() => consensus(other).allTextContents()).toEqual(['beta. Gamma delta.']);
    const stored = await retrieveSegments(server.ctx, { project: 'Studie', coder: 'consensus' });
    expect(stored.map((s) => [s.code.name, s.start, s.end])).toEqual([['media', 5, 23]]);

    // Both: the union of the two sides.
    await region(page).getByRole('button', { name: 'Accept both (anna, bo) for media here' }).click();
    await expect.poll(() => consensus(page).allTextContents()).toEqual(['Alfa beta. Gamma delta.']);

    // A new span: select "Gamma delta" in the text of the place (with the keyboard's help), accept it.
    await region(page).getByRole('button', { name: 'New span…' }).click();
    const field = region(page).getByRole('textbox', { name: 'Text of this place' });
    await field.evaluate((el) => {
      const ta = el as HTMLTextAreaElement;
      const at = ta.value.indexOf('Gamma delta');
      ta.setSelectionRange(at, at + 'Gamma delta'.length);
    });
    await region(page).getByRole('button', { name: 'Accept the selected words' }).click();
    await expect.poll(() => consensus(page).allTextContents()).toEqual(['Gamma delta']);
    const after = await retrieveSegments(server.ctx, { project: 'Studie', coder: 'consensus' });
    expect(after.map((s) => [s.start, s.end, s.text])).toEqual([[11, 22, 'Gamma delta']]);
    await expect.poll(() => consensus(other).allTextContents()).toEqual(['Gamma delta']);
  });
});
