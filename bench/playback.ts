/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../reliability/chromium.js';
import { importSource } from '../src/commands/importSource.js';
import { matchSpeakerPrefix } from '../src/core/transcript/turns.js';
import { buildServer } from '../src/server/app.js';
import { packageRoot } from '../src/store/paths.js';
import { timestamp } from '../web/src/media/clock.js';
import { localSession, signedInContext } from './browser.js';
import { generateTranscript } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, loadNow, log, type Metric, summarise } from './measure.js';

const HOURS_2 = 2 * 60 * 60;
/** 150 pages of about 2,000 characters. */
const CHARS = 150 * 2000;

/**
 * A 2-hour recording: real speech (espeak-ng) then silence, made by sox as mono Ogg Vorbis at
 * 8 kHz (lowest quality; about 3.7 MB), so seeking far into it goes through range requests.
 */
function twoHourRecording(dir: string): Buffer {
  // Made once (sox takes a minute) and kept beside the results.
  const out = fileURLToPath(new URL('../../bench/out/recording-2h.ogg', import.meta.url));
  if (existsSync(out)) return readFileSync(out);
  mkdirSync(dirname(out), { recursive: true });
  const said = join(dir, 'said.wav');
  execFileSync('espeak-ng', ['-v', 'sv', '-w', said, 'Hur arbetar ni i området? Vi har ett områdesteam och en mötesplats.']);
  execFileSync('sox', [
    '-V1',
    said,
    '-r',
    '8000',
    '-c',
    '1',
    '-C',
    '-1',
    out,
    'pad',
    '0',
    String(HOURS_2),
    'trim',
    '0',
    String(HOURS_2),
  ]);
  return readFileSync(out);
}

/** The bench's transcript with each turn timed in proportion to where it starts in the text. */
function timedTranscript(seed: number): string {
  let text = generateTranscript(seed, { words: Math.ceil(CHARS / 6) });
  if (text.length > CHARS) text = `${text.slice(0, text.lastIndexOf('\n\n', CHARS))}\n`;
  let at = 0;
  return text
    .split('\n\n')
    .map((part) => {
      const stamped = matchSpeakerPrefix(part) ? `${timestamp(((at / text.length) * HOURS_2 * 1000) | 0)} ${part}` : part;
      at += part.length + 2;
      return stamped;
    })
    .join('\n\n');
}

/**
 * Synced playback in Chromium: a 150-page transcript with timed turns and a 2-hour recording.
 * Times the document view's opening (navigation to the text painted, `koda:doc-painted`, and to
 * the player's metadata loaded) and a click on a turn's time to the media element's `playing`.
 */
export async function benchPlayback(env: BenchEnv): Promise<BenchResult> {
  const notes: string[] = [];
  const webRoot = join(packageRoot(), 'web', 'dist');
  const tools = ['sox', 'espeak-ng'].every((tool) => {
    try {
      execFileSync(tool, ['--version']);
      return true;
    } catch {
      return false;
    }
  });
  if (!existsSync(CHROMIUM) || !existsSync(join(webRoot, 'index.html')) || !tools) {
    notes.push(`skipped: needs ${CHROMIUM}, sox, espeak-ng and a built web/dist (npm run build)`);
    return { name: 'playback', metrics: [], notes };
  }
  const dir = mkdtempSync(join(tmpdir(), 'koda-bench-audio-'));
  const t0 = performance.now();
  const audio = twoHourRecording(dir);
  log(`recording: 2 h Ogg Vorbis, ${(audio.length / 1e6).toFixed(1)} MB in ${Math.round(performance.now() - t0)} ms`);
  const text = timedTranscript(env.options.seed);
  const project = 'Bench';
  const source = await importSource(env.ctx, {
    project,
    fileName: 'inspelad-intervju.txt',
    bytes: new TextEncoder().encode(text),
  });

  const { chromium } = await import('playwright-core');
  const app = await buildServer(env.ctx, { language: 'en', webRoot });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const metrics: Metric[] = [];
  try {
    const cookie = await localSession(url, 'bench');
    const res = await fetch(
      `${url}/api/projects/${encodeURIComponent(project)}/sources/${source.id}/recording?fileName=intervju.ogg`,
      {
        method: 'POST',
        headers: { cookie, 'x-koda-csrf': '1', 'content-type': 'application/octet-stream' },
        body: new Uint8Array(audio),
      },
    );
    await res.text();
    if (!res.ok) throw new Error(`attaching the recording answered ${res.status}`);
    const docUrl = `${url}/#/p/${encodeURIComponent(project)}/s/${source.id}`;

    const painted: number[] = [];
    const ready: number[] = [];
    const arrived: number[] = [];
    const started: number[] = [];
    for (let run = 0; run < 6; run++) {
      const context = await signedInContext(browser, url);
      // Media events do not bubble, but a capturing listener on the document hears them.
      await context.addInitScript(() =>
        document.addEventListener('loadedmetadata', () => performance.mark('bench:media-ready'), { capture: true, once: true }),
      );
      const page = await context.newPage();
      await page.goto(docUrl);
      await page.waitForFunction(
        () =>
          performance.getEntriesByName('koda:doc-painted').length > 0 &&
          performance.getEntriesByName('bench:media-ready').length > 0,
        null,
        { timeout: 60_000 },
      );
      const [p, m, d, a] = await page.evaluate(() =>
        ['koda:doc-painted', 'bench:media-ready', 'koda:doc-data', 'koda:start'].map(
          (n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN,
        ),
      );
      if (run > 0) {
        painted.push(p as number); // the first run warms the server's caches and the browser's code cache
        ready.push(m as number);
        arrived.push(d as number);
        started.push(a as number);
      }
      await context.close();
    }
    const paint = summarise(painted);
    const meta = summarise(ready);
    metrics.push(
      // A cold load in a fresh browser profile: the app's own start is in it (the 300 ms target is
      // the view's opening in a running workbench, below).
      { name: `open, cold page load: text painted p50 (n=${paint.runs})`, value: paint.p50, unit: 'ms', load: loadNow() },
      { name: 'open: text painted max', value: paint.max, unit: 'ms', load: loadNow() },
      { name: `open: player ready p50 (n=${meta.runs})`, value: meta.p50, unit: 'ms', load: loadNow() },
      // Where the time goes: the app's script running, the source and its segments fetched, then drawing.
      { name: 'open: app started p50', value: summarise(started).p50, unit: 'ms', load: loadNow() },
      { name: 'open: text and segments fetched p50', value: summarise(arrived).p50, unit: 'ms', load: loadNow() },
    );

    metrics.push(...(await openFromOverview(browser, url, project)));

    // A click on a turn's time, anywhere in the two hours, to the player's `playing`.
    const context = await signedInContext(browser, url);
    const page = await context.newPage();
    await page.goto(docUrl);
    await page.waitForFunction(() => performance.getEntriesByName('koda:doc-painted').length > 0);
    const clicks: number[] = [];
    for (let i = 0; i < 21; i++) {
      const found = await page.evaluate(async (n) => {
        const el = document.querySelector('.doc-scroll') as HTMLElement;
        const media = document.querySelector('audio') as HTMLAudioElement;
        media.pause();
        el.scrollTop = (el.scrollHeight * ((n * 7) % 20)) / 21;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const box = el.getBoundingClientRect();
        const visible = [...el.querySelectorAll<HTMLElement>('button.play-turn')].find((b) => {
          const r = b.getBoundingClientRect();
          return r.top > box.top && r.bottom < box.bottom;
        });
        for (const b of el.querySelectorAll('[data-bench-target]')) b.removeAttribute('data-bench-target');
        visible?.setAttribute('data-bench-target', '');
        const w = window as unknown as { clickAt?: number; playingAt?: number };
        w.clickAt = undefined;
        w.playingAt = undefined;
        document.addEventListener('click', () => (w.clickAt ??= performance.now()), { capture: true, once: true });
        media.addEventListener('playing', () => (w.playingAt = performance.now()), { once: true });
        return visible !== undefined;
      }, i);
      if (!found) {
        notes.push(`no turn time on screen at jump ${i}`);
        continue;
      }
      await page.locator('[data-bench-target]').click();
      await page.waitForFunction(() => (window as unknown as { playingAt?: number }).playingAt !== undefined, null, {
        timeout: 30_000,
      });
      const ms = await page.evaluate(() => {
        const w = window as unknown as { clickAt: number; playingAt: number };
        return w.playingAt - w.clickAt;
      });
      if (i > 0) clicks.push(ms);
    }
    await context.close();
    const click = summarise(clicks);
    metrics.push(
      { name: `click on a turn to playing p50 (n=${click.runs})`, value: click.p50, unit: 'ms', load: loadNow() },
      { name: 'click on a turn to playing p95', value: click.p95, unit: 'ms', target: { max: 300 }, load: loadNow() },
    );
  } finally {
    await browser.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'playback', metrics, notes };
}

/**
 * The document view opened as a researcher opens it, from the project's overview in a running
 * workbench: a click on the source's name to its text painted (the app's own start is not in it;
 * the cold load above has it).
 */
async function openFromOverview(browser: Browser, url: string, project: string): Promise<Metric[]> {
  const context = await signedInContext(browser, url);
  const page = await context.newPage();
  const opened: number[] = [];
  for (let run = 0; run < 6; run++) {
    await page.goto(`${url}/#/p/${encodeURIComponent(project)}`);
    const link = page.getByRole('link', { name: 'inspelad-intervju' });
    await link.waitFor();
    await page.evaluate(() => {
      performance.clearMarks('koda:doc-painted');
      performance.clearMarks('bench:open-click');
      document.addEventListener('click', () => performance.mark('bench:open-click'), { capture: true, once: true });
    });
    await link.click();
    await page.waitForFunction(() => performance.getEntriesByName('koda:doc-painted').length > 0, null, { timeout: 60_000 });
    const ms = await page.evaluate(
      () =>
        (performance.getEntriesByName('koda:doc-painted')[0]?.startTime ?? Number.NaN) -
        (performance.getEntriesByName('bench:open-click')[0]?.startTime ?? Number.NaN),
    );
    if (run > 0) opened.push(ms);
  }
  await context.close();
  const open = summarise(opened);
  return [
    {
      name: `open from the overview: click to text painted p50 (n=${open.runs})`,
      value: open.p50,
      unit: 'ms',
      target: { max: 300 },
      load: loadNow(),
    },
    { name: 'open from the overview: click to text painted max', value: open.max, unit: 'ms', load: loadNow() },
  ];
}
