/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../reliability/chromium.js';
import { addCode } from '../src/commands/addCode.js';
import { createProject } from '../src/commands/createProject.js';
import { getSource } from '../src/commands/getSource.js';
import type { CommandContext } from '../src/commands/helpers/context.js';
import { importSource } from '../src/commands/importSource.js';
import { anchorColumns, anchorRange } from '../src/core/anchoring/anchor.js';
import { CodePointIndex, codePointRange } from '../src/core/text/codePoints.js';
import type { CodePointRange } from '../src/core/text/offsetUnits.js';
import { buildServer } from '../src/server/app.js';
import { newId, nowIso } from '../src/store/ids.js';
import { packageRoot } from '../src/store/paths.js';
import type { SegmentRow } from '../src/store/schema.js';
import { createRng, generateTranscript } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, log, type Metric, summarise } from './measure.js';

const CODEBOOK: Record<string, string[]> = {
  Strategier: ['plan', 'områdesteam', 'mötesplats', 'insats'],
  Möjligheter: ['samverkan', 'engagemang', 'förtroende', 'nätverk'],
  Hinder: ['media', 'resursbrist', 'tidsbrist', 'byråkrati'],
  Styrdokument: ['policy', 'handlingsplan', 'riktlinjer', 'avtal'],
  Finansiering: ['projektmedel', 'statsbidrag', 'fonder', 'budgetram'],
};

export interface LargeDocument {
  project: string;
  sourceId: string;
  sourceName: string;
  /** Length in code points. */
  length: number;
  codeIds: string[];
  /** Word starts and ends (code points) to cut spans from. */
  words: { start: number; end: number }[];
}

/**
 * A transcript of about `chars` characters imported into `project` (created if needed) through
 * `importSource`, a small codebook through `addCode` (or only `code`, then every segment is of
 * that one code), and `segments` coded spans written in one transaction exactly as `applyCoding`
 * writes them (exact text, context, speaking turn), so the document looks as if it had been coded
 * by hand. Shared by the browser and peers benchmarks and tests.
 */
export async function seedLargeDocument(
  ctx: CommandContext,
  project: string,
  { chars, segments, seed = 1, code }: { chars: number; segments: number; seed?: number; code?: string },
): Promise<LargeDocument> {
  const db = ctx.store.db;
  const existing = await db.selectFrom('projects').select('id').where('name', '=', project).executeTakeFirst();
  if (!existing) await createProject(ctx, { name: project, language: 'sv' });
  let text = generateTranscript(seed, { words: Math.ceil(chars / 6) });
  if (text.length > chars) text = `${text.slice(0, text.lastIndexOf('\n\n', chars))}\n`;
  const imported = await importSource(ctx, { project, fileName: 'lang-intervju.txt', bytes: new TextEncoder().encode(text) });
  const source = await getSource(ctx, { project, source: imported.id });
  const codeIds = code ? [(await addCode(ctx, { project, name: code })).id] : await addCodebook(ctx, project);
  const index = new CodePointIndex(source.text);
  const words: CodePointRange[] = [];
  for (const m of source.text.matchAll(/\S+/g))
    words.push({ start: index.toCodePoint(m.index), end: index.toCodePoint(m.index + m[0].length) });
  const rng = createRng(seed ^ 0x5eed);
  const turns = source.turns.map((t) => ({ id: t.id, ...codePointRange(t) }));
  const projectId = (await db.selectFrom('projects').select('id').where('name', '=', project).executeTakeFirstOrThrow()).id;
  const coderId = newId();
  const taken = new Set<string>();
  const rows: SegmentRow[] = [];
  const at = nowIso();
  while (rows.length < segments) {
    const w = rng.int(0, words.length - 2);
    const n = 3 + Math.floor(rng() ** 2 * 57);
    const first = words[w] as CodePointRange;
    const last = words[Math.min(words.length - 1, w + n)] as CodePointRange;
    const code = rng.pick(codeIds);
    const key = `${code} ${first.start} ${last.end}`;
    if (taken.has(key)) continue;
    taken.add(key);
    const range = { start: first.start, end: last.end };
    rows.push({
      id: newId(),
      project_id: projectId,
      source_id: source.id,
      code_id: code,
      coder_id: coderId,
      start_offset: range.start,
      end_offset: range.end,
      memo: rng.chance(0.05) ? 'Ett memo om det här stället.' : '',
      ...anchorColumns(anchorRange(index, range, turns)),
      created_at: at,
      updated_at: at,
    });
  }
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('coders').values({ id: coderId, project_id: projectId, name: 'bench', created_at: at }).execute();
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('segments')
        .values(rows.slice(i, i + 500))
        .execute();
  });
  return { project, sourceId: source.id, sourceName: source.name, length: source.length, codeIds, words };
}

/** The bench's codebook in `project`: the ids of its codes (the categories hold no segments). */
async function addCodebook(ctx: CommandContext, project: string): Promise<string[]> {
  const codeIds: string[] = [];
  for (const [category, codes] of Object.entries(CODEBOOK)) {
    await addCode(ctx, { project, name: category });
    for (const name of codes) codeIds.push((await addCode(ctx, { project, name, parent: category })).id);
  }
  return codeIds;
}

/** When the document view had drawn the text with its highlights: the app's `koda:doc-painted` mark, ms from navigation. */
export async function paintedAt(page: Page, timeout = 60_000): Promise<number> {
  await page.waitForFunction(() => performance.getEntriesByName('koda:doc-painted').length > 0, null, { timeout });
  return page.evaluate(() => performance.getEntriesByName('koda:doc-painted')[0]?.startTime ?? Number.NaN);
}

/**
 * The workbench in Chromium on a 1,000,000-character transcript with 10,000 segments: time to
 * first paint of the text with its highlights (from navigation to the app's `koda:doc-painted`
 * mark), the latency of applying a code through the HTTP API (200 POSTs, as the UI sends them),
 * and the same from a key press in the browser to the new highlight painted.
 */
export async function benchBrowser(env: BenchEnv): Promise<BenchResult> {
  const notes: string[] = [];
  const webRoot = join(packageRoot(), 'web', 'dist');
  if (!existsSync(CHROMIUM) || !existsSync(join(webRoot, 'index.html'))) {
    notes.push(`skipped: needs ${CHROMIUM} and a built web/dist (npm run build)`);
    return { name: 'browser', metrics: [], notes };
  }
  const { chromium } = await import('playwright-core');
  const t0 = performance.now();
  const doc = await seedLargeDocument(env.ctx, 'Browser bench', { chars: 1_000_000, segments: 10_000, seed: env.options.seed });
  log(`document: ${doc.length} characters, 10000 segments in ${Math.round(performance.now() - t0)} ms`);

  const app = await buildServer(env.ctx, { language: 'en', webRoot });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const metrics: Metric[] = [];
  try {
    const docUrl = `${url}/#/p/${encodeURIComponent(doc.project)}/s/${doc.sourceId}`;
    const paints: number[] = [];
    let domNodes = 0;
    for (let run = 0; run < 6; run++) {
      const context = await signedInContext(browser, url);
      const page = await context.newPage();
      await page.goto(docUrl);
      const ms = await paintedAt(page);
      if (run > 0) paints.push(ms); // the first run warms the server's caches and the browser's code cache
      domNodes = await page.evaluate(() => document.querySelectorAll('.doc-scroll *').length);
      await context.close();
    }
    const paint = summarise(paints);
    metrics.push(
      { name: `first paint p50 (n=${paint.runs})`, value: paint.p50, unit: 'ms', target: { max: 1000 } },
      { name: 'first paint max', value: paint.max, unit: 'ms' },
      { name: 'elements drawn in the text', value: domNodes, unit: '' },
    );

    // Scrolling: jump through the document and time until each new place is drawn.
    {
      const context = await signedInContext(browser, url);
      const page = await context.newPage();
      await page.goto(docUrl);
      await page.waitForFunction(() => performance.getEntriesByName('koda:doc-painted').length > 0);
      const jumps = await page.evaluate(async () => {
        const el = document.querySelector('.doc-scroll') as HTMLElement;
        const out: number[] = [];
        for (let i = 1; i <= 20; i++) {
          const t = performance.now();
          el.scrollTop = (el.scrollHeight * i) / 21;
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          out.push(performance.now() - t);
        }
        return out;
      });
      const scroll = summarise(jumps);
      metrics.push({ name: 'scroll jump to drawn p95 (n=20)', value: scroll.p95, unit: 'ms' });
      await context.close();
    }

    // Applying a code through the API, one POST at a time as the UI sends them.
    const rng = createRng(7);
    const span = () => {
      const w = rng.int(0, doc.words.length - 40);
      return { start: (doc.words[w] as { start: number }).start, end: (doc.words[w + rng.int(2, 30)] as { end: number }).end };
    };
    const apiMs: number[] = [];
    const cookie = await localSession(url, 'bench-api');
    for (let i = 0; i < 220; i++) {
      const body = JSON.stringify({ source: doc.sourceId, code: rng.pick(doc.codeIds), ...span() });
      const t = performance.now();
      const res = await fetch(`${url}/api/projects/${encodeURIComponent(doc.project)}/segments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-koda-csrf': '1' },
        body,
      });
      await res.text();
      if (i >= 20) apiMs.push(performance.now() - t);
      if (res.status !== 201) notes.push(`apply answered ${res.status}`);
    }
    const api = summarise(apiMs);
    metrics.push(
      { name: `apply code via API p50 (n=${api.runs})`, value: api.p50, unit: 'ms' },
      { name: 'apply code via API p95', value: api.p95, unit: 'ms', target: { max: 50 } },
    );

    // In the browser: select a passage, press r (the last used code), until the highlight is drawn.
    {
      const context = await signedInContext(browser, url);
      await context.addInitScript((key) => localStorage.setItem(key.k, key.v), {
        k: `koda.lastCode.${doc.project}`,
        v: doc.codeIds[0] as string,
      });
      const page = await context.newPage();
      await page.goto(docUrl);
      await page.waitForFunction(() => performance.getEntriesByName('koda:doc-painted').length > 0);
      const uiMs: number[] = [];
      for (let i = 0; i < 25; i++) {
        await page.evaluate((n) => {
          // Coded runs (<mark>) too: in a densely coded document few plain runs are that long.
          const runs = [...document.querySelectorAll<HTMLElement>('.doc-scroll [data-o]')].filter(
            (r) => (r.textContent ?? '').length > 40,
          );
          const run = runs[(n * 7) % runs.length] as HTMLElement;
          const text = run.firstChild as Text;
          (document.querySelector('.doc-scroll') as HTMLElement).focus({ preventScroll: true });
          document.getSelection()?.setBaseAndExtent(text, 5, text, 35);
          performance.clearMarks('koda:apply:painted');
        }, i);
        const t = await page.evaluate(() => performance.now());
        await page.keyboard.press('r');
        await page.waitForFunction(() => performance.getEntriesByName('koda:apply:painted').length > 0);
        const end = await page.evaluate(() => performance.getEntriesByName('koda:apply:painted')[0]?.startTime ?? Number.NaN);
        if (i >= 5) uiMs.push(end - t);
      }
      const ui = summarise(uiMs);
      metrics.push(
        { name: `apply code in the UI, key to painted p50 (n=${ui.runs})`, value: ui.p50, unit: 'ms' },
        { name: 'apply code in the UI p95', value: ui.p95, unit: 'ms' },
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  return { name: 'browser', metrics, notes };
}

/** A session cookie of the laptop's person `name` (local mode: named once, no password). */
export async function localSession(url: string, name: string): Promise<string> {
  const res = await fetch(`${url}/api/session/local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-koda-csrf': '1' },
    body: JSON.stringify({ name }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`local sign-in failed: ${res.status}`);
  return cookie;
}

/** A browser context signed in as the bench's person, as the page would after asking the name. */
export async function signedInContext(browser: Browser, url: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const [name, value] = (await localSession(url, 'bench')).split('=');
  await context.addCookies([{ name: name as string, value: value as string, url }]);
  return context;
}
