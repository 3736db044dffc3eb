import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { autocode } from '../../src/commands/autocode.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { expectRefused } from '../commands/fixtures.js';
import { tempContext, utf8 } from '../helpers.js';
import { offsetsOf } from './fixture.js';

// Three hits of "samverkan" in Albin's turn: one per sentence.
const ALBIN =
  'I: Vad är hinder för samverkan?\n\n' +
  'Albin: Samverkan är svårt. Vi har t.ex. ingen tid för samverkan 😀 här! Men samverkan fungerar ibland.';
const project = 'Lager';
const SENTENCE_2 = 'Vi har t.ex. ingen tid för samverkan 😀 här!';

let env: Awaited<ReturnType<typeof tempContext>>;
let text: string;
beforeEach(async () => {
  // `tester` creates the project and owns it; kerstin codes too.
  env = await tempContext();
  await createProject(env.ctx, { name: project, language: 'sv' });
  await addCode(env.ctx, { project, name: 'samverkan' });
  await importSource(env.ctx, { project, fileName: 'albin.txt', bytes: utf8(ALBIN) });
  ({ text } = await getSource(env.ctx, { project, source: 'albin' }));
});
afterEach(() => env.cleanup());

const as = (actor: string): CommandContext => ({ ...env.ctx, actor });
const words = { project, code: 'samverkan', pattern: 'samverkan', role: 'participant' as const };
const segmentsOf = async (coder: string) =>
  (await retrieveSegments(env.ctx, { project, code: 'samverkan' })).filter((s) => s.coder === coder).map((s) => s.text);

describe('autocode with two coders', () => {
  it('says who already coded a span, and never writes a duplicate into the target layer', async () => {
    await applyCoding(as('kerstin'), { project, source: 'albin', code: 'samverkan', ...offsetsOf(text, 'Samverkan') });

    const preview = await autocode(env.ctx, { ...words, dryRun: true });
    expect(preview).toMatchObject({ segments: 3, alreadyCoded: 0, coder: 'tester' });
    expect(preview.codedBy).toEqual([{ coder: 'kerstin', same: 1, overlapping: 0 }]);
    expect(preview.listed.map((p) => p.codedBy)).toEqual([[{ coder: 'kerstin', same: true }], [], []]);

    // Another coder's segment is not a duplicate in this layer: all three are written here.
    expect(await autocode(env.ctx, words)).toMatchObject({ created: 3 });
    const again = await autocode(env.ctx, { ...words, dryRun: true });
    expect(again).toMatchObject({ segments: 0, alreadyCoded: 3 });
    expect(again.codedBy).toEqual([
      { coder: 'kerstin', same: 1, overlapping: 0 },
      { coder: 'tester', same: 3, overlapping: 0 },
    ]);

    // Into Kerstin's layer: her span is skipped, the two others are written, once.
    const hers = await autocode(env.ctx, { ...words, coder: 'kerstin' });
    expect(hers).toMatchObject({ created: 2, alreadyCoded: 1, coder: 'kerstin' });
    expect(await segmentsOf('kerstin')).toEqual(['Samverkan', 'samverkan', 'samverkan']);
    expect(await autocode(env.ctx, { ...words, coder: 'kerstin' })).toMatchObject({ created: 0, alreadyCoded: 3 });
  });

  it('skips a span inside a segment the layer has, and writes (and flags) one that only overlaps', async () => {
    await applyCoding(env.ctx, { project, source: 'albin', code: 'samverkan', ...offsetsOf(text, SENTENCE_2) });
    await applyCoding(env.ctx, { project, source: 'albin', code: 'samverkan', ...offsetsOf(text, 'samverkan fungerar') });

    // The second hit lies inside the coded sentence, the third inside "samverkan fungerar".
    const matches = await autocode(env.ctx, words);
    expect(matches).toMatchObject({ created: 1, alreadyCoded: 2 });
    expect(matches.codedBy).toEqual([{ coder: 'tester', same: 0, overlapping: 2 }]);

    // Sentences: the second is coded already; the first and third hold coding of the layer
    // without being held by it, so they are written, flagged as overlapping.
    const sentences = await autocode(env.ctx, { ...words, unit: 'sentence' });
    expect(sentences).toMatchObject({ created: 2, alreadyCoded: 1 });
    expect(sentences.listed.map((p) => [p.text, p.codedBy])).toEqual([
      ['Samverkan är svårt.', [{ coder: 'tester', same: false }]],
      ['Men samverkan fungerar ibland.', [{ coder: 'tester', same: false }]],
    ]);
    expect(sentences.codedBy).toEqual([{ coder: 'tester', same: 1, overlapping: 2 }]);
    expect((await segmentsOf('tester')).filter((t) => t === SENTENCE_2)).toHaveLength(1);
  });

  it('in blind mode shows a coder only their own layer, and refuses to write into another', async () => {
    await applyCoding(as('kerstin'), { project, source: 'albin', code: 'samverkan', ...offsetsOf(text, 'Samverkan') });
    await setBlindMode(env.ctx, { project, blind: true });

    const anna = await autocode(as('anna'), { ...words, dryRun: true });
    expect(anna.codedBy).toEqual([]);
    expect(anna.listed.every((p) => p.codedBy.length === 0)).toBe(true);
    // The owner sees every layer.
    expect((await autocode(env.ctx, { ...words, dryRun: true })).codedBy).toEqual([
      { coder: 'kerstin', same: 1, overlapping: 0 },
    ]);

    await expectRefused(env.store, () => autocode(as('anna'), { ...words, coder: 'kerstin' }), 'coders.blind');
  });
});
