/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../reliability/chromium.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { buildServer } from '../../src/server/app.js';
import { SESSION_COOKIE } from '../../src/server/session.js';
import type { Store } from '../../src/store/db.js';
import { packageRoot } from '../../src/store/paths.js';
import { signedIn, tempContext } from '../helpers.js';

export const hasChromium = existsSync(CHROMIUM);
export const SKIP_REASON = `browser tests skipped: ${CHROMIUM} not found (install Debian's chromium; .ci/run does)`;
if (!hasChromium) console.warn(SKIP_REASON);

export const webRoot = join(packageRoot(), 'web', 'dist');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...CHROMIUM_ARGS,
      // The recording's player starts from a script in the tests (a person's click allows it anyway).
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** The server the next page signs in to (newPage), while it runs. */
let serving: string | undefined;

/** The real server on a temporary store, listening on a free port. */
export async function startServer(setup?: (ctx: CommandContext) => Promise<void>) {
  const env = await tempContext('tester');
  await setup?.(env.ctx);
  const app: FastifyInstance = await buildServer(env.ctx, { language: 'en', webRoot });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  serving = url;
  return {
    ...env,
    app,
    url,
    close: async () => {
      serving = undefined;
      await app.close();
      await env.cleanup();
    },
  };
}

/**
 * Makes `context` signed in as `name` on `server`: an account (a member of every project in
 * `role`) and its session cookie, replacing any other. For tests of roles; the server is then in
 * accounts mode.
 */
export async function signInAs(
  context: BrowserContext,
  server: { app: FastifyInstance; store: Store; url: string },
  name: string,
  role?: 'owner' | 'coder' | 'viewer',
): Promise<void> {
  const { cookie } = await signedIn(server.app, server.store, name, role);
  await context.clearCookies();
  await context.addCookies([{ name: SESSION_COOKIE, value: cookie.slice(SESSION_COOKIE.length + 1), url: server.url }]);
}

/**
 * A fresh browser context (own storage) with English as the remembered language, signed in as
 * the laptop's person in local mode unless `signIn: false` (a test of signing in itself).
 */
export async function newPage(
  browser: Browser,
  lang: 'en' | 'sv' = 'en',
  { signIn = true }: { signIn?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 850 }, locale: 'en-GB' });
  await context.addInitScript((l) => {
    if (!localStorage.getItem('koda.lang')) localStorage.setItem('koda.lang', l);
  }, lang);
  // The laptop's person, named once as the local-mode page asks (tempContext's actor, `tester`).
  // A test that made accounts signs its pages in itself (signInAs).
  const mode =
    signIn && serving && ((await (await context.request.get(`${serving}/api/session`)).json()) as { mode: string }).mode;
  if (mode === 'local') {
    const local = await context.request.post(`${serving}/api/session/local`, {
      data: { name: 'tester' },
      headers: { 'x-koda-csrf': '1' },
    });
    if (!local.ok()) throw new Error(`local sign-in failed: ${local.status()}`);
  }
  // Steps fail within seconds, naming the step, rather than at the test's timeout.
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  return { context, page };
}

/**
 * The overview's file field for a transcript. Named through its form because the project list
 * has a file field too, still on screen for a moment after a project's link is clicked.
 */
export function transcriptFileField(page: Page): Locator {
  return page.getByRole('form', { name: 'Import a transcript' }).getByLabel(/^File/);
}

/** Selects the first occurrence of `passage` in the document text, as a user would by dragging. */
export async function selectPassage(page: Page, passage: string): Promise<void> {
  const ok = await page.evaluate((wanted) => {
    const root = document.querySelector<HTMLElement>('.doc-scroll');
    if (!root) return false;
    root.focus({ preventScroll: true }); // as a mouse drag in the text does
    const runs = [...root.querySelectorAll<HTMLElement>('[data-o]')];
    let all = '';
    const starts: number[] = [];
    for (const r of runs) {
      starts.push(all.length);
      all += r.textContent ?? '';
    }
    const at = all.indexOf(wanted);
    if (at < 0) return false;
    // The start lies in the run holding character `at`; the end in the run holding the last character.
    const point = (offset: number, end: boolean) => {
      const i = runs.findIndex((r, k) => {
        const s = starts[k] as number;
        const e = s + (r.textContent ?? '').length;
        return end ? s < offset && offset <= e : s <= offset && offset < e;
      });
      return { node: (runs[i] as HTMLElement).firstChild as Node, offset: offset - (starts[i] as number) };
    };
    const a = point(at, false);
    const b = point(at + wanted.length, true);
    const sel = document.getSelection() as Selection;
    sel.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
    return true;
  }, passage);
  if (!ok) throw new Error(`passage not on screen: ${passage}`);
}

/** Text of each segment on screen: the elements carrying its id, joined in document order. */
export async function highlightedTexts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (const el of document.querySelectorAll<HTMLElement>('[data-segment-ids]')) {
      for (const id of (el.dataset.segmentIds ?? '').split(' ')) out[id] = (out[id] ?? '') + (el.textContent ?? '');
    }
    return out;
  });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: Koda's policy refuses inline script tags, rightly.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    );
}

/** "1 hit", "2 hits": an English count as the UI words it (regular plurals only). */
export const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
