/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser, so this file also sees the DOM types.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import { importSource } from '../../src/commands/importSource.js';
import { speech } from '../audio.js';
import { utf8 } from '../helpers.js';
import { hasChromium, launchBrowser, newPage, seriousViolations, startServer } from './browser.js';

/** Four timed turns over a recording of six seconds; the third is long, so the fourth starts below the view. */
const TRANSCRIPT = [
  '[00:00:00] I: Hur arbetar ni i området?',
  '',
  '[00:00:02] IP: Vi har ett områdesteam och en mötesplats.',
  '',
  '[00:00:04] I: Och hindren?',
  ...Array.from({ length: 80 }, (_, i) => `det var svårt att få tid till samverkan, rad ${i + 1}.`),
  '',
  '[00:00:05] IP: Media och tidsbrist.',
  '',
].join('\n');

const canMakeAudio = (() => {
  try {
    execFileSync('sox', ['--version']);
    execFileSync('espeak-ng', ['--version']);
    return true;
  } catch {
    return false;
  }
})();
if (!canMakeAudio) console.warn('recording browser tests skipped: espeak-ng and sox are needed (.ci/run installs them)');

let browser: Browser;
let server: Awaited<ReturnType<typeof startServer>>;
let context: BrowserContext;
let page: Page;
let audio: Buffer;
let dir: string;

const post = (path: string, body: Buffer) =>
  context.request.post(`${server.url}${path}`, {
    data: body,
    headers: { 'content-type': 'application/octet-stream', 'x-koda-csrf': '1' },
  });

/** The player's state in the page. */
const media = () =>
  page.evaluate(() => {
    const el = document.querySelector('audio') as HTMLAudioElement;
    return { time: el.currentTime, paused: el.paused, rate: el.playbackRate };
  });

/** The text of the turn marked as being heard (its first line). */
const currentTurnText = () =>
  page.evaluate(() => document.querySelector('[aria-current="true"][data-turn]')?.textContent ?? null);

describe.skipIf(!hasChromium || !canMakeAudio)('a recording in the browser', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'koda-audio-'));
    audio = speech(dir, 6, 'wav').bytes;
    browser = await launchBrowser();
    server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await importSource(ctx, { project: 'Studie', fileName: 'albin.txt', bytes: utf8(TRANSCRIPT) });
      await addCode(ctx, { project: 'Studie', name: 'Strategier' });
      // The second turn's words, heard from 2 s on.
      const start = [...TRANSCRIPT.slice(0, TRANSCRIPT.indexOf('Vi har'))].length;
      await applyCoding(ctx, { project: 'Studie', source: 'albin', code: 'Strategier', start, end: start + 6 });
    });
    ({ context, page } = await newPage(browser));
    const attached = await post('/api/projects/Studie/sources/albin/recording?fileName=intervju.wav', audio);
    expect(attached.status()).toBeLessThan(300);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('plays from a clicked turn, marks the turn heard as it plays, and answers the keys in the text', async () => {
    await page.goto(`${server.url}/#/p/Studie/s/albin`);
    await page.getByRole('button', { name: 'Play from 00:02' }).click();
    await page.waitForFunction(() => {
      const el = document.querySelector('audio') as HTMLAudioElement;
      return !el.paused && el.currentTime >= 2;
    });
    expect((await media()).time).toBeLessThan(3);
    await expect.poll(currentTurnText, { timeout: 5000 }).toContain('Vi har ett områdesteam');

    // Keys work with the focus in the text: faster to 2×, then the next turn is marked as it is reached.
    await page.locator('.doc-scroll').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Control+Shift+Period');
    expect((await media()).rate).toBe(2);
    await page.waitForFunction(() =>
      document.querySelector('[aria-current="true"][data-turn]')?.textContent?.includes('hindren'),
    );
    // The next turn starts below the view: the text follows it there.
    await page.waitForFunction(() => {
      const turn = document.querySelector('[aria-current="true"][data-turn]');
      const box = document.querySelector('.doc-scroll')?.getBoundingClientRect();
      const at = turn?.getBoundingClientRect();
      return turn?.textContent?.includes('tidsbrist') && box && at && at.top >= box.top && at.bottom <= box.bottom;
    });

    await page.keyboard.press('F4');
    const paused = await media();
    expect(paused.paused).toBe(true);
    await page.keyboard.press('Control+Comma');
    expect((await media()).time).toBeCloseTo(Math.max(0, paused.time - 5), 1);
    await page.keyboard.press('Control+Shift+Comma');
    expect((await media()).rate).toBe(1.75);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('doc-scroll');

    // Scrolled away from the turn heard, the reader keeps their place when the next turn starts.
    const seek = (seconds: number) =>
      page.evaluate((to) => {
        (document.querySelector('audio') as HTMLAudioElement).currentTime = to;
      }, seconds);
    await seek(2.2);
    await expect.poll(currentTurnText, { timeout: 5000 }).toContain('Vi har ett områdesteam');
    const away = await page.evaluate(() => {
      const el = document.querySelector('.doc-scroll') as HTMLElement;
      el.scrollTop = el.scrollHeight;
      return el.scrollTop;
    });
    await seek(4.2);
    await expect.poll(currentTurnText, { timeout: 5000 }).toContain('hindren');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await page.evaluate(() => (document.querySelector('.doc-scroll') as HTMLElement).scrollTop)).toBe(away);
    expect(await seriousViolations(page)).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });

  it('plays a coded segment from retrieval, from the time its words are heard', async () => {
    await page.goto(`${server.url}/#/p/Studie/code/Strategier`);
    // The player of retrieval is no element on the page: its play() is watched.
    await page.evaluate(() => {
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
        (window as unknown as { heard: HTMLMediaElement }).heard = this;
        return play.call(this);
      };
    });
    await page.getByRole('button', { name: /^Play 00:02–00:0\d of the recording$/ }).click();
    await page.waitForFunction(() => {
      const el = (window as unknown as { heard?: HTMLMediaElement }).heard;
      return el && !el.paused && el.currentTime >= 2;
    });
    expect(await page.evaluate(() => (window as unknown as { heard: HTMLMediaElement }).heard.src)).toMatch(
      /\/api\/projects\/Studie\/sources\/[^/]+\/recording#t=2(\.\d+)?,/,
    );
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('transcribes a recording imported alone in the overview: timestamps and turns typed with the keys are saved as timed turns', async () => {
    await page.goto(`${server.url}/#/p/Studie`);
    await page
      .getByLabel('Import a recording to transcribe (audio or video)')
      .setInputFiles({ name: 'ny-intervju.wav', mimeType: 'audio/wav', buffer: audio });
    await page.waitForURL(/\/s\/[^/]+\/transcribe$/);
    const id = decodeURIComponent(/\/s\/([^/]+)\/transcribe$/.exec(page.url())?.[1] ?? '');
    const field = page.getByRole('textbox', { name: /^Transcript of/ });
    await field.focus();
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('Hur började det?');
    await page.keyboard.press('F4');
    await page.waitForFunction(() => (document.querySelector('audio') as HTMLAudioElement).currentTime >= 3);
    await page.keyboard.press('F4');
    // Paused: back 2 s, as f4 does, so the next play repeats the last words.
    const at = (await media()).time;
    expect(at).toBeGreaterThanOrEqual(1);
    await page.keyboard.press('Control+Enter');
    await page.keyboard.type('Med ett möte. ');
    await page.keyboard.press('Control+KeyJ');
    await page.keyboard.type('Sedan');
    const stamp = `[00:00:0${Math.floor(at)}]`;
    expect(await field.inputValue()).toBe(`[00:00:00] I: Hur började det?\n\n${stamp} IP: Med ett möte. ${stamp} Sedan`);
    await expect.poll(() => page.locator('.save-status').textContent(), { timeout: 5000 }).toBe('All changes saved');

    const saved = await getSource(server.ctx, { project: 'Studie', source: id });
    expect(saved.text).toBe(await field.inputValue());
    expect(saved.turns.map((t) => [t.speaker, t.startMs])).toEqual([
      ['I', 0],
      ['IP', Math.floor(at) * 1000],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
  });

  it('says which coded segments an edit in transcription mode took the words of', async () => {
    await page.goto(`${server.url}/#/p/Studie/s/albin/transcribe`);
    const field = page.getByRole('textbox', { name: /^Transcript of/ });
    await field.focus();
    await page.evaluate(() => {
      const el = document.activeElement as HTMLTextAreaElement;
      const at = el.value.indexOf('Vi har');
      el.setSelectionRange(at, at + 'Vi har '.length);
    });
    await page.keyboard.press('Backspace');
    await field.blur();
    await expect.poll(() => page.locator('.save-status').textContent(), { timeout: 5000 }).toBe('All changes saved');
    await expect
      .poll(() => page.getByRole('region', { name: '1 coded segment lost its words' }).textContent())
      .toContain('Strategier: “Vi har” — its words are gone');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
