/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Markup and script a participant, a coder or an attacker types stay text: in every view, for
// every role, and in the documents Koda writes (HTML report, docx).
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccount } from '../../src/commands/accounts/addAccount.js';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { importSource } from '../../src/commands/importSource.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { setSegmentMemo } from '../../src/commands/setSegmentMemo.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, SKIP_REASON, signInAs, startServer } from './browser.js';

/**
 * One payload per place, so a failure names where markup got through. Each would set
 * `window.__pwned` or add an element carrying `data-pwned` if it ever became markup.
 */
const payload = (place: string) =>
  `${place} <img src=x data-pwned onerror="window.__pwned='${place}'"><script data-pwned>window.__pwned='${place}'</script>` +
  `"><svg data-pwned onload="window.__pwned='${place}'"></svg>`;

const PROJECT = payload('project');
const CODE = payload('code');
const CASE = payload('case');
const ATTRIBUTE = payload('attribute');
const SOURCE_FILE = 'källa.txt';
const TRANSCRIPT = `I: ${payload('interviewer')}\n\nIP: Vi pratar om ${payload('text')} här.\n`;

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let ids: { project: string; source: string; code: string };

/** What markup reached the page: elements the payloads would add, and the flag their script sets. */
async function injected(page: Page): Promise<{ elements: string[]; flag: unknown; blocked: string[] }> {
  return page.evaluate(() => ({
    elements: [...document.querySelectorAll('[data-pwned], img[src="x"], script:not([src])')].map((e) => e.outerHTML),
    flag: (window as unknown as { __pwned?: unknown }).__pwned,
    // A script the policy stopped would still mean markup got through.
    blocked: (window as unknown as { __violations: string[] }).__violations,
  }));
}

/** Records each content-security-policy violation of the context's pages in `window.__violations`. */
async function watchPolicy(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(e.violatedDirective));
  });
}

async function visit(page: Page, hash: string, shows: string): Promise<void> {
  await page.goto(`${server.url}/${hash}`);
  await page.getByText(shows, { exact: false }).first().waitFor();
  expect(await injected(page), hash).toEqual({ elements: [], flag: undefined, blocked: [] });
}

describe.skipIf(!hasChromium)('hostile text stays text', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startServer(async (ctx) => {
      const anna = await addAccount(ctx, { name: 'Anna', password: 'ett långt lösenord för Anna' });
      const owner = { ...ctx, actor: anna.name, account: anna };
      const project = await createProject(owner, { name: PROJECT, description: payload('description') });
      const p = project.id;
      await defineAttribute(owner, { project: p, name: ATTRIBUTE });
      await addCase(owner, {
        project: p,
        name: CASE,
        description: payload('case-description'),
        attributes: { [ATTRIBUTE]: payload('attribute-value') },
      });
      await recordConsent(owner, { project: p, case: CASE, letterVersion: payload('letter'), consentedOn: '2024-03-01' });
      const code = await addCode(owner, { project: p, name: CODE, description: payload('code-description') });
      const source = await importSource(owner, { project: p, fileName: SOURCE_FILE, bytes: utf8(TRANSCRIPT), case: CASE });
      const segment = await applyCoding(owner, { project: p, source: source.id, code: code.id, start: 0, end: 40 });
      await setSegmentMemo(owner, { project: p, segment: segment.id, memo: payload('segment-memo') });
      await writeMemo(owner, { project: p, title: payload('memo-title'), body: payload('memo-body') });
      await writeMemo(owner, { project: p, target: 'code', on: code.id, title: 'kodmemo', body: payload('code-memo') });
      ids = { project: p, source: source.id, code: code.id };
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const role of ['owner', 'coder', 'viewer'] as const) {
    it(`shows every typed name, text and memo as text to a signed-in ${role}`, async () => {
      const { context, page } = await newPage(browser, 'en', { signIn: false });
      await watchPolicy(context);
      await signInAs(context, server, `Eva-${role}`, role);
      const p = encodeURIComponent(ids.project);
      await visit(page, '#/', 'project <img');
      await visit(page, `#/p/${p}`, 'källa');
      await visit(page, `#/p/${p}/s/${encodeURIComponent(ids.source)}`, 'text <img');
      await visit(page, `#/p/${p}/code/${encodeURIComponent(ids.code)}`, 'code <img');
      await visit(page, `#/p/${p}/queries/matrix`, 'code <img');
      if (role === 'owner') {
        await visit(page, `#/p/${p}/privacy`, 'case <img');
        await visit(page, `#/p/${p}/audit`, 'Anna');
      }
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await context.close();
    });
  }

  it('sees a payload that does become markup (the check above can fail)', async () => {
    const { context, page } = await newPage(browser, 'en', { signIn: false });
    await watchPolicy(context);
    await page.goto(server.url);
    await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), payload('control'));
    await page.waitForFunction(() => (window as unknown as { __violations: string[] }).__violations.length > 0);
    const seen = await injected(page);
    expect(seen.elements.length).toBeGreaterThan(0);
    expect(seen.blocked).toContain('script-src-attr');
    await context.close();
  });

  it('writes an HTML report in which no payload runs, and a docx holding them as text', async () => {
    const { context, page } = await newPage(browser, 'en', { signIn: false });
    await signInAs(context, server, 'Eva-viewer', 'viewer');
    const base = `${server.url}/api/projects/${encodeURIComponent(ids.project)}/report`;
    const html = await (await context.request.get(`${base}?format=html`)).text();
    expect(html).toContain('&lt;img src=x');
    // Opened as a file would be, with no server policy to help: the page itself must be inert.
    await page.setContent(html, { waitUntil: 'load' });
    const found = await page.evaluate(() => ({
      elements: [...document.querySelectorAll('[data-pwned], img[src="x"]')].length,
      flag: (window as unknown as { __pwned?: unknown }).__pwned,
    }));
    expect(found).toEqual({ elements: 0, flag: undefined });

    const docx = new Uint8Array(await (await context.request.get(`${base}?format=docx`)).body());
    const xml = strFromU8(unzipSync(docx, { filter: (f) => f.name === 'word/document.xml' })['word/document.xml'] as Uint8Array);
    expect(xml).toContain('code &lt;img src=x data-pwned');
    expect(xml).not.toMatch(/<img|<script|<svg/);
    await context.close();
  });
});

if (!hasChromium) describe('hostile text stays text', () => it.skip(SKIP_REASON, () => {}));
