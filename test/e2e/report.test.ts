/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoProject, demoFolder } from '../../src/commands/createDemoProject.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

interface Demo {
  codings: { case: string; code: string; quote: string }[];
}
const demo = JSON.parse(readFileSync(`${demoFolder()}/project.json`, 'utf8')) as Demo;

/** The quote lines (`> “…” (Name)`) under a code's heading in a Markdown draft, unescaped. */
function quotesUnder(md: string, code: string): string[] {
  const lines = md.split('\n');
  const at = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, '') === code);
  if (at < 0) return [];
  const end = lines.findIndex((l, i) => i > at && l.startsWith('#'));
  return lines
    .slice(at + 1, end < 0 ? undefined : end)
    .filter((l) => l.startsWith('> '))
    .map((l) => l.slice(2).replace(/\\([\\`*_[\]<>#|])/g, '$1'));
}

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let page: Page;
let project = '';

describe.skipIf(!hasChromium)('the results draft in the browser', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    server = await startServer(async (ctx) => {
      project = (await createDemoProject(ctx)).id;
      // Kristin's consent record is lost: the draft quotes her, and says so.
      const kristin = await ctx.store.db
        .selectFrom('cases')
        .select('id')
        .where('project_id', '=', project)
        .where('name', '=', 'Kristin')
        .executeTakeFirstOrThrow();
      await ctx.store.db.deleteFrom('consent_records').where('case_id', '=', kristin.id).execute();
    });
    ({ page } = await newPage(browser, 'sv'));
  });
  afterEach(async () => {
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.context().close();
    await server.close();
  });

  it('downloads a Markdown draft whose media quotes end with the case’s name, and warns of the missing consent', async () => {
    await page.goto(`${server.url}/#/p/${project}`);
    await page.getByRole('navigation', { name: 'Projektets sidor' }).getByRole('link', { name: 'Rapport' }).click();
    await page.getByRole('heading', { name: 'Resultatutkast' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('radio', { name: 'Markdown (.md)' }).check();
    await page.getByText('Markdown med figurer kommer som en .zip').waitFor();
    await page.getByRole('checkbox', { name: 'arbetsuppgifter' }).uncheck();

    // The whole draft of the demo, figures drawn, is built on the click: more than a step's 5 s on a busy machine.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Ladda ned utkastet: Markdown (.md)' }).click(),
    ]);
    // With figures, Markdown comes as a zip: the .md and its SVG figures.
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const mdName = Object.keys(files).find((f) => f.endsWith('.md')) ?? '';
    expect(Object.keys(files).filter((f) => f.endsWith('.svg')).length).toBeGreaterThan(0);
    const md = new TextDecoder().decode(files[mdName]);

    const expected = ['Albin', 'Cathrin', 'Kristin'].map((name) => {
      const quote = demo.codings.find((c) => c.case === name && c.code === 'media')?.quote ?? '';
      return `“${quote.replace(/\s+/g, ' ').trim()}” (${name})`;
    });
    expect(quotesUnder(md, 'media')).toEqual(expected);
    // The cases table has the attributes chosen, not the one left out.
    const header = md.split('\n').find((l) => l.startsWith('| ')) ?? '';
    expect(header).toContain('stadsdel');
    expect(header).toContain('insats');
    expect(header).not.toContain('arbetsuppgifter');

    const done = page.getByTestId('report-done');
    await done.getByRole('heading', { name: /^Sparade/ }).waitFor();
    expect(await done.getByTestId('report-warnings').locator('li').allTextContents()).toEqual([
      'Utkastet citerar Kristin, vars samtycke inte är registrerat.',
    ]);
    await done.getByRole('link', { name: 'Registrera samtycke under Samtycke och integritet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('downloads an HTML draft without figures, from one coder’s layer', async () => {
    await page.goto(`${server.url}/#/p/${project}/report`);
    await page.getByRole('radio', { name: 'Webbsida (.html)' }).check();
    await page.getByRole('checkbox', { name: /^Figurer/ }).uncheck();
    await page.getByRole('combobox', { name: /^Kodning av/ }).selectOption('demo');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Ladda ned utkastet: Webbsida (.html)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.html$/);
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).toContain('(Albin)');
    // The meta line names the layer ("demos kodning"), not all coders.
    expect(html).toContain('demos kodning');
    expect(html).not.toContain('alla kodares segment');
    expect(html).not.toContain('<svg');
  });
});
