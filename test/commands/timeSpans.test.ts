import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { buildReport } from '../../src/commands/buildReport.js';
import { compareLayers } from '../../src/commands/compareLayers.js';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { tempContext, utf8 } from '../helpers.js';
import { spanOf } from './fixtures.js';

// Albin's turn runs from 0:12 to 0:32 over its 75 code points (to the next turn's start) (its label included).
const TEXT = [
  '[00:00:05] I: Hur beskriver media området?',
  '[00:00:12] Albin: Media ger en skev bild av området. Vi hinner inte svara.',
  '[00:00:32] I: Tack.',
].join('\n');

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let p: string;
let recorded: string;

/** A recording row as the recording commands leave it; its bytes play no part in a span. */
async function attachRecordingRow(sourceId: string) {
  await ctx.store.db
    .insertInto('recordings')
    .values({
      id: newId(),
      project_id: p,
      source_id: sourceId,
      file_name: 'albin.wav',
      media_type: 'audio/wav',
      size_bytes: 0,
      duration_ms: 40_000,
      sha256: '',
      created_at: nowIso(),
    })
    .execute();
}

beforeAll(async () => {
  ({ ctx, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega', language: 'sv' })).id;
  recorded = (await importSource(ctx, { project: p, fileName: 'albin.txt', bytes: utf8(TEXT) })).id;
  const unrecorded = (await importSource(ctx, { project: p, fileName: 'utan.txt', bytes: utf8(`${TEXT}\nI: Slut.`) })).id;
  await attachRecordingRow(recorded);
  await addCode(ctx, { project: p, name: 'media' });
  for (const source of [recorded, unrecorded]) {
    await applyCoding(ctx, { project: p, source, code: 'media', ...spanOf(TEXT, 'Vi hinner inte svara') });
    await applyCoding({ ...ctx, actor: 'Kristin' }, { project: p, source, code: 'media', ...spanOf(TEXT, 'skev bild') });
  }
});
afterAll(() => cleanup());

const start = TEXT.indexOf('[00:00:12]');
const at = (quote: string) => 12_000 + Math.round(((TEXT.indexOf(quote) - start) / 75) * 20_000);

describe('time spans of coded text', () => {
  it('come with retrieved segments of a recorded source, interpolated in their turn', async () => {
    const segments = await retrieveSegments(ctx, { project: p, source: recorded });
    expect(segments.map((s) => s.span)).toEqual([
      { startMs: at('skev bild'), endMs: at(' av området') },
      { startMs: at('Vi hinner'), endMs: at('.\n[00:00:32]') },
    ]);
    expect((await retrieveSegments(ctx, { project: p, source: 'utan' })).map((s) => s.span)).toEqual([null, null]);
  });

  it('come with the regions of the disagreement view', async () => {
    const view = await compareLayers(ctx, { project: p, source: recorded });
    expect(view.codes[0]?.regions.map((r) => r.span)).toEqual([
      { startMs: at('skev bild'), endMs: at(' av området') },
      { startMs: at('Vi hinner'), endMs: at('.\n[00:00:32]') },
    ]);
  });

  it('are printed beside the report’s quotes, and the HTML links each to the recording', async () => {
    const label = '[0:26–0:31]';
    const report = async (format: 'md' | 'html' | 'docx') =>
      (await buildReport(ctx, { project: p, format, charts: false })).bytes;
    const md = new TextDecoder().decode(await report('md'));
    // Markdown escapes the brackets: they print as written, never as a link.
    expect(md).toContain('> “Vi hinner inte svara” (albin) \\[0:26–0:31\\]\n');
    expect(md).toContain('> “Vi hinner inte svara” (utan)\n');
    const html = new TextDecoder().decode(await report('html'));
    const { startMs, endMs } = (await retrieveSegments(ctx, { project: p, source: recorded }))[1]?.span ?? {};
    expect(html).toContain(
      `<a class="play" href="/api/projects/${p}/sources/${recorded}/recording#t=${(startMs ?? 0) / 1000},${(endMs ?? 0) / 1000}" aria-label="Spela upp 0:26–0:31 i inspelningen">${label}</a>`,
    );
    const docx = new TextDecoder().decode(unzipSync(await report('docx'))['word/document.xml']);
    expect(docx).toContain(label);
  });
});
