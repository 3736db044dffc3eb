import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { tempContext } from '../helpers.js';
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
});
