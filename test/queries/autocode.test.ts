import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { autocode } from '../../src/commands/autocode.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import { listHistory, undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { rowCounts, tempContext, utf8 } from '../helpers.js';
import { offsetsOf } from './fixture.js';

const ALBIN =
  'I: Vad är hinder för samverkan?\n\n' +
  'Albin: Samverkan är svårt. Vi har t.ex. ingen tid för samverkan 😀 här! Men samverkan fungerar ibland.\n\n' +
  'I: Berätta.\n\n' +
  'Albin: Samverkansgruppen träffas. Det är bra.';
const KRISTIN = 'I: Samverkan?\n\nKristin: Ja, samverkan. Möjligheterna är många, en möjlighet.';
const project = 'Auto';

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
  const { ctx } = env;
  await createProject(ctx, { name: project, language: 'sv' });
  await addCase(ctx, { project, name: 'Albin' });
  await addCase(ctx, { project, name: 'Kristin' });
  await recordConsent(ctx, { project, case: 'Albin', letterVersion: 'v1', consentedOn: '2024-03-01' });
  await addCode(ctx, { project, name: 'samverkan' });
  await addCode(ctx, { project, name: 'möjligheter' });
  await importSource(ctx, { project, fileName: 'albin.txt', case: 'Albin', bytes: utf8(ALBIN) });
  await importSource(ctx, { project, fileName: 'kristin.txt', case: 'Kristin', bytes: utf8(KRISTIN) });
});
afterEach(() => env.cleanup());

const texts = (r: Awaited<ReturnType<typeof autocode>>) => r.listed.map((p) => `${p.source.name}: ${p.text}`);

describe('autocode', () => {
  it('finds a whole word in every turn, never inside a longer word nor in a speaker label', async () => {
    const r = await autocode(env.ctx, { project, code: 'samverkan', pattern: 'samverkan', dryRun: true });
    expect(texts(r)).toEqual([
      'albin: samverkan',
      'albin: Samverkan',
      'albin: samverkan',
      'albin: samverkan',
      'kristin: Samverkan',
      'kristin: samverkan',
    ]);
    expect(r).toMatchObject({ hits: 6, segments: 6, created: 0, sources: 2, dryRun: true });
  });

  it('keeps to the participants’ turns, expanded to the match, the sentence or the turn', async () => {
    const scoped = { project, code: 'samverkan', pattern: 'samverkan', role: 'participant' as const, dryRun: true };
    expect(texts(await autocode(env.ctx, scoped))).toEqual([
      'albin: Samverkan',
      'albin: samverkan',
      'albin: samverkan',
      'kristin: samverkan',
    ]);
    expect(texts(await autocode(env.ctx, { ...scoped, unit: 'sentence' }))).toEqual([
      'albin: Samverkan är svårt.',
      'albin: Vi har t.ex. ingen tid för samverkan 😀 här!',
      'albin: Men samverkan fungerar ibland.',
      'kristin: Ja, samverkan.',
    ]);
    expect(texts(await autocode(env.ctx, { ...scoped, unit: 'turn' }))).toEqual([
      'albin: Samverkan är svårt. Vi har t.ex. ingen tid för samverkan 😀 här! Men samverkan fungerar ibland.',
      'kristin: Ja, samverkan. Möjligheterna är många, en möjlighet.',
    ]);
    expect(texts(await autocode(env.ctx, { ...scoped, role: 'interviewer', unit: 'turn' }))).toEqual([
      'albin: Vad är hinder för samverkan?',
      'kristin: Samverkan?',
    ]);
    expect(texts(await autocode(env.ctx, { ...scoped, role: undefined, speakers: ['Kristin'] }))).toEqual(['kristin: samverkan']);
    expect(texts(await autocode(env.ctx, { ...scoped, role: undefined, cases: ['Albin'] }))).toHaveLength(4);
  });

  it('finds stems, phrases and regular expressions', async () => {
    const base = { project, code: 'möjligheter', dryRun: true };
    expect(texts(await autocode(env.ctx, { ...base, kind: 'stem', pattern: 'möjligheter' }))).toEqual([
      'kristin: Möjligheterna',
      'kristin: möjlighet',
    ]);
    expect(texts(await autocode(env.ctx, { ...base, kind: 'phrase', pattern: 'tid  för samverkan' }))).toEqual([
      'albin: tid för samverkan',
    ]);
    expect(texts(await autocode(env.ctx, { ...base, kind: 'regex', pattern: 'samverk\\p{L}*' }))).toHaveLength(7);
    expect(texts(await autocode(env.ctx, { ...base, kind: 'word', pattern: 'Samverkan', caseSensitive: true }))).toHaveLength(2);
    await expect(autocode(env.ctx, { ...base, kind: 'regex', pattern: 'samverk(' })).rejects.toMatchObject({
      code: 'autocode.regex',
    });
  });

  it('writes exactly what the preview listed, in one undoable, audited command', async () => {
    const { text } = await getSource(env.ctx, { project, source: 'albin' });
    await applyCoding(env.ctx, { project, source: 'albin', code: 'samverkan', ...offsetsOf(text, 'Samverkansgruppen') });
    const before = await retrieveSegments(env.ctx, { project, code: 'samverkan' });
    const counts = await rowCounts(env.store);
    const input = { project, code: 'samverkan', pattern: 'samverkan', unit: 'sentence' as const, role: 'participant' as const };
    const preview = await autocode(env.ctx, { ...input, dryRun: true });
    expect(await rowCounts(env.store)).toEqual(counts);
    const real = await autocode(env.ctx, input);
    expect(real).toMatchObject({ segments: 4, created: 4, alreadyCoded: 0 });
    const after = await retrieveSegments(env.ctx, { project, code: 'samverkan' });
    const added = after.filter((s) => !before.some((b) => b.id === s.id));
    const key = (s: { source: { name: string }; start: number; end: number; text: string }) =>
      `${s.source.name}:${s.start}-${s.end}:${s.text}`;
    expect(added.map(key).sort()).toEqual(preview.listed.map(key).sort());
    // Offsets are code points: the text after the emoji is where the offsets say.
    const index = new CodePointIndex(text);
    for (const s of added.filter((a) => a.source.name === 'albin')) expect(index.slice(s.start, s.end)).toBe(s.text);
    expect(added.find((s) => s.text.startsWith('Men'))).toMatchObject({ start: 104, end: 134, case: { name: 'Albin' } });
    // Consent is recorded for Albin only.
    expect(real.warnings).toEqual([{ code: 'consent.missing', params: { case: 'Kristin' } }]);

    const [event] = await listAudit(env.ctx, { project, action: 'segment.autocode' });
    expect(event?.details).toMatchObject({ hits: 4, segments: 4, sources: 2 });
    expect((await listHistory(env.ctx, { project }))[0]).toMatchObject({ action: 'segment.autocode', state: 'done' });

    const entries = (await listHistory(env.ctx, { project })).length;
    const again = await autocode(env.ctx, input);
    expect(again).toMatchObject({ segments: 0, created: 0, alreadyCoded: 4 });
    // Nothing new, nothing to undo: one undo takes back the four, and only them.
    expect(await listHistory(env.ctx, { project })).toHaveLength(entries);
    await undo(env.ctx, { project });
    expect((await retrieveSegments(env.ctx, { project, code: 'samverkan' })).map((s) => s.id)).toEqual(before.map((s) => s.id));
  });
});

describe('autocode: a regular expression that never finishes', () => {
  it('is refused within its time budget, and nothing is written', async () => {
    await importSource(env.ctx, { project, fileName: 'aaa.txt', bytes: utf8(`${'a'.repeat(40)}!`) });
    const before = await rowCounts(env.store);
    await expect(
      autocode({ ...env.ctx, regexBudgetMs: 500 }, { project, code: 'samverkan', kind: 'regex', pattern: '^(a+)+$' }),
    ).rejects.toMatchObject({ code: 'regex.too-slow' });
    expect(await rowCounts(env.store)).toEqual(before);
  });
});
