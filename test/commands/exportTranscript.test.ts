import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { exportTranscript } from '../../src/commands/exportTranscript.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { tempContext } from '../helpers.js';
import { buildStudy, offsetsOf, TEXTS } from '../queries/fixture.js';
import { expectRefused } from './fixtures.js';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext('anna');
  await buildStudy(env.ctx);
});
afterEach(() => env.cleanup());

const project = 'Studie';
const lines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const fromHtml = (html: string) => html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

/** The transcript's lines as the page shows them: the marks and tags taken out. */
function pageLines(html: string): string[] {
  return [...html.matchAll(/<div class="line"[^>]*><p>(.*?)<\/p>/g)].map((m) =>
    fromHtml((m[1] as string).replace(/<span class="mk"[^>]*>[^<]*<\/span>/g, '').replace(/<[^>]+>/g, '')),
  );
}

describe('exportTranscript', () => {
  it('writes the whole text as a printable page, each code in the legend and beside the lines it covers', async () => {
    const r = await exportTranscript(env.ctx, { project, source: 'albin' });
    expect(r.fileName).toBe('albin-kodad.html');
    const html = new TextDecoder().decode(r.bytes);
    expect(pageLines(html)).toEqual(lines(TEXTS.albin));
    // The legend, in codebook order, with counts; each name beside its lines.
    expect(html).toMatch(/<ol class="legend">.*media.*\(1 segment\).*tidsbrist.*samverkan/s);
    const margins = [...html.matchAll(/<div class="line"[^>]*><p>.*?<\/p>(.*?)<\/div>/g)].map((m) =>
      [...(m[1] as string).matchAll(/<span class="n">(\d+)<\/span> ([^<]+)<\/li>/g)].map((x) => `${x[1]} ${x[2]}`),
    );
    expect(margins).toEqual([[], ['1 media', '2 tidsbrist'], [], ['3 samverkan']]);
    // Albin's overlapping segments: media opens, tidsbrist opens inside it, media closes, tidsbrist closes.
    const marks = [...html.matchAll(/<span class="mk"[^>]*>([^<]*)<\/span>/g)].map((m) => m[1]);
    expect(marks).toEqual(['[1', '[2', '1]', '2]', '[3', '3]']);
    // Prints on pages with margins, lines kept whole where they fit; self-contained.
    expect(html).toContain('@page{size:A4;margin:');
    expect(html).toContain('break-inside:avoid');
    expect(html).not.toMatch(/<(script|link|img)\b/);
  });

  it('writes a Word document with the text, the marks and the codes beside it', async () => {
    const r = await exportTranscript(env.ctx, { project, source: 'albin', format: 'docx' });
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(r.bytes) });
    for (const name of ['media', 'tidsbrist', 'samverkan']) expect(value).toContain(name);
    expect(value).toContain('Albin: [1Media 😀 ger en [2farlig bild.1] Tiden räcker inte.2]');
    const unmarked = value.replace(/\[\d+|\d+\]/g, '');
    for (const line of lines(TEXTS.albin)) expect(unmarked).toContain(line);
  });

  it('escapes the text: a transcript’s angle brackets are words, not markup', async () => {
    await addCode(env.ctx, { project, name: '<b>fet</b>' });
    await applyCoding(env.ctx, { project, source: 'kristin', code: '<b>fet</b>', ...offsetsOf(TEXTS.kristin, 'Vi samverkar.') });
    const html = new TextDecoder().decode((await exportTranscript(env.ctx, { project, source: 'kristin' })).bytes);
    expect(html).not.toContain('<b>fet</b>');
    expect(html).toContain('&#60;b&#62;fet&#60;/b&#62;');
  });

  it('in blind mode shows a coder only their own layer, and is audited without the text', async () => {
    const bo: CommandContext = { ...env.ctx, actor: 'bo' };
    await applyCoding(bo, { project, source: 'kristin', code: 'tidsbrist', ...offsetsOf(TEXTS.kristin, 'Hinder?') });
    await setBlindMode(env.ctx, { project, blind: true });
    const asBo = new TextDecoder().decode((await exportTranscript(bo, { project, source: 'kristin' })).bytes);
    expect([...asBo.matchAll(/<span class="mk"[^>]*>([^<]*)<\/span>/g)].map((m) => m[1])).toEqual(['[1', '1]']);
    expect(asBo).not.toContain('samverkan');
    const asOwner = await exportTranscript(env.ctx, { project, source: 'kristin' });
    expect(asOwner.segments).toBe(3);
    const events = await listAudit(env.ctx, { project, action: 'transcript.export' });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events)).not.toContain('Media');
  });

  it('refuses an unknown source, changing nothing', async () => {
    await expectRefused(env.store, () => exportTranscript(env.ctx, { project, source: 'okänd' }), 'source.not-found');
  });
});
