import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { editTranscript } from '../../src/commands/editTranscript.js';
import { getSource } from '../../src/commands/getSource.js';
import { anchorInStore } from '../../src/commands/helpers/anchor.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { recentTexts } from '../../src/commands/helpers/recentTexts.js';
import { importSource } from '../../src/commands/importSource.js';
import { withdrawParticipant } from '../../src/commands/withdrawParticipant.js';
import { anchorRange } from '../../src/core/anchoring/anchor.js';
import { CodePointIndex, codePointOffset, codePointRange } from '../../src/core/text/codePoints.js';
import { tempContext, utf8 } from '../helpers.js';

/**
 * A save's anchor is cut from the source's text in one of three ways (helpers/anchor.ts): from a
 * text kept in memory by its hash, by reading the whole text once and keeping it (on its second
 * cut), or by the database's substr (a first cut, or a text too long to keep). All three give the
 * anchor the core computes.
 */
const TEXT = `${'Intervju 😀 om media. '.repeat(40)}I: Café 👩🏽‍🔬 och q\u0307 här\nIP: Ja, media ljuger om oss. 𝄞𝄞 slut.\n`;

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let p: string;
let sourceId: string;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega' })).id;
  await addCode(ctx, { project: p, name: 'media' });
  sourceId = (await importSource(ctx, { project: p, fileName: 'intervju.txt', bytes: utf8(TEXT), newCase: 'Albin' })).id;
  recentTexts.clear();
});
afterEach(() => cleanup());

const source = () => getSource(ctx, { project: p, source: sourceId });

/** Ranges at the start, around astral characters, and at the end of `text`. */
function rangesOf(text: string) {
  const length = new CodePointIndex(text).length;
  return [
    [0, 5],
    [9, 11],
    [length - 30, length - 20],
    [length - 8, length],
    [Math.floor(length / 2), Math.floor(length / 2) + 40],
  ].map(([start, end]) => codePointRange({ start: codePointOffset(start as number), end: codePointOffset(end as number) }));
}

describe('anchorInStore', () => {
  it('gives the core anchor whether the text is kept, read whole, or cut by the database', async () => {
    const { text } = await source();
    const index = new CodePointIndex(text);
    for (const range of rangesOf(text)) {
      const expected = anchorRange(index, range, []).selector;
      recentTexts.clear();
      const first = await anchorInStore(ctx.store.db, sourceId, range);
      const read = await anchorInStore(ctx.store.db, sourceId, range);
      const kept = await anchorInStore(ctx.store.db, sourceId, range);
      recentTexts.clear();
      const tooLong = [];
      for (let i = 0; i < 3; i++) tooLong.push(await anchorInStore(ctx.store.db, sourceId, range, { longestKept: 0 }));
      for (const anchor of [first, read, kept, ...tooLong]) expect(anchor.selector).toEqual(expected);
    }
  });

  it('keeps a text on its second cut, not its first', async () => {
    const { text, textHash } = await source();
    const range = codePointRange({ start: codePointOffset(0), end: codePointOffset(5) });
    await anchorInStore(ctx.store.db, sourceId, range);
    expect(recentTexts.get(sourceId)).toBeUndefined();
    await anchorInStore(ctx.store.db, sourceId, range);
    expect(recentTexts.get(sourceId)).toEqual({ hash: textHash, index: expect.objectContaining({ text }) });
  });

  it('after an edit, a save quotes the new text, not the kept old one', async () => {
    const before = await source();
    await applyCoding(ctx, { project: p, source: sourceId, code: 'media', start: 0, end: 8 });
    await applyCoding(ctx, { project: p, source: sourceId, code: 'media', start: 0, end: 5 });
    expect(recentTexts.get(sourceId)?.hash).toBe(before.textHash);
    const edited = `Samtal${before.text.slice('Intervju'.length)}`;
    await editTranscript(ctx, { project: p, source: sourceId, text: edited, baseHash: before.textHash });
    const segment = await applyCoding(ctx, { project: p, source: sourceId, code: 'media', start: 0, end: 6 });
    const row = await ctx.store.db.selectFrom('segments').select('exact').where('id', '=', segment.id).executeTakeFirstOrThrow();
    expect(row.exact).toBe('Samtal');
    expect(recentTexts.get(sourceId)?.hash).toBe((await source()).textHash);
  });

  it('a withdrawal drops every kept text', async () => {
    await applyCoding(ctx, { project: p, source: sourceId, code: 'media', start: 0, end: 8 });
    await applyCoding(ctx, { project: p, source: sourceId, code: 'media', start: 9, end: 11 });
    expect(recentTexts.get(sourceId)).toBeDefined();
    await withdrawParticipant(ctx, { project: p, case: 'Albin' });
    expect(recentTexts.get(sourceId)).toBeUndefined();
  });
});

describe('recentTexts.worthKeeping', () => {
  it('is true on a second cut soon after the first, not after many other sources were cut', () => {
    recentTexts.clear();
    expect(recentTexts.worthKeeping('a')).toBe(false);
    expect(recentTexts.worthKeeping('a')).toBe(true);
    expect(recentTexts.worthKeeping('b')).toBe(false);
    for (let i = 0; i < 16; i++) recentTexts.worthKeeping(`other-${i}`);
    expect(recentTexts.worthKeeping('b')).toBe(false);
    recentTexts.clear();
  });
});
