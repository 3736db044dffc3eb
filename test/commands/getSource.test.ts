import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { sourceTurns } from '../../src/commands/helpers/turns.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { tempContext, utf8 } from '../helpers.js';
import { kodaError, type Study, studyFixture, TRANSCRIPT } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

describe('getSource', () => {
  it('gives the text, its case and its turns, without the original bytes', async () => {
    await linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
    const source = await getSource(ctx, { project: s.p, source: 'grupp' });
    expect(source).toMatchObject({
      id: s.source,
      name: 'grupp',
      kind: 'txt',
      case: { id: s.cases.albin, name: 'Albin' },
      length: Array.from(TRANSCRIPT).length,
      text: TRANSCRIPT,
      originalName: 'grupp.txt',
      mediaType: 'text/plain',
      metadata: { encoding: 'utf-8' },
    });
    expect(source).not.toHaveProperty('original_bytes');
    expect(source.turns.map((t) => [t.position, t.speaker, t.case, t.startMs])).toEqual([
      [0, 'I', null, null],
      [1, 'Albin', null, null],
      [2, 'Kristin', 'Kristin', null],
    ]);
  });

  it('refuses an unknown source', async () => {
    expect((await kodaError(getSource(ctx, { project: s.p, source: 'okänd' }))).code).toBe('source.not-found');
  });

  it('reads the turns of a long subtitle file in pages, in their order, whatever the page size', async () => {
    const cues = 2_345;
    const time = (ms: number) => new Date(ms).toISOString().slice(11, 23).replace('.', ',');
    const srt = Array.from(
      { length: cues },
      (_, i) => `${i + 1}\n${time(i * 1000)} --> ${time(i * 1000 + 900)}\nrad ${i}\n`,
    ).join('\n');
    const { id } = await importSource(ctx, { project: s.p, fileName: 'lång.srt', bytes: utf8(srt) });
    const source = await getSource(ctx, { project: s.p, source: id });
    // Over two pages of the default size: every boundary between pages is crossed.
    expect(source.turns).toHaveLength(cues);
    expect(source.turns.map((t) => t.position)).toEqual(Array.from({ length: cues }, (_, i) => i));
    expect(source.turns.at(-1)).toMatchObject({ startMs: (cues - 1) * 1000, endMs: (cues - 1) * 1000 + 900, speaker: null });
    for (const pageRows of [250, 999]) expect(await sourceTurns(ctx.store.db, id, pageRows)).toEqual(source.turns);
  });

  it('gives the turns in their order when two start at the same place', async () => {
    const { text, turns } = await getSource(ctx, { project: s.p, source: s.source });
    // A turn of no text at the start of the next: the same start, the order kept by position.
    const first = turns[1] as (typeof turns)[number];
    await ctx.store.db
      .insertInto('turns')
      .values({
        id: '0-empty',
        source_id: s.source,
        position: 99,
        start_offset: first.start,
        end_offset: first.start,
        speaker: 'X',
        case_id: null,
        start_ms: null,
        end_ms: null,
      })
      .execute();
    const read = await sourceTurns(ctx.store.db, s.source, 1);
    expect(read.map((t) => t.position)).toEqual([0, 1, 2, 99]);
    expect(text).toBe(TRANSCRIPT);
  });
});
