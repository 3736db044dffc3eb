import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoProject } from '../../src/commands/createDemoProject.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import { getTranscriptionPlan } from '../../src/commands/getTranscriptionPlan.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { listCases } from '../../src/commands/listCases.js';
import { listConcepts } from '../../src/commands/listConcepts.js';
import { listGuide } from '../../src/commands/listGuide.js';
import { listInterviews } from '../../src/commands/listInterviews.js';
import { listSets } from '../../src/commands/listSets.js';
import { listSmartCodes } from '../../src/commands/listSmartCodes.js';
import { listSources } from '../../src/commands/listSources.js';
import { locateGuideQuestions } from '../../src/commands/locateGuideQuestions.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { expectRefused } from './fixtures.js';

// The demo is built once: every test here only reads it (the undo test is refused and changes nothing).
let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let demo: Awaited<ReturnType<typeof createDemoProject>>;

beforeAll(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  demo = await createDemoProject(ctx);
});
afterAll(() => cleanup());

describe('createDemoProject', () => {
  it('has eight cases with their attributes and eight sources, one each', async () => {
    const { cases } = await listCases(ctx, { project: demo.id });
    expect(cases.map((c) => c.name)).toEqual(['Albin', 'Cathrin', 'Elin', 'Josefin', 'Kerstin', 'Kristin', 'Malin', 'Nermin']);
    expect(cases.map((c) => c.sources)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(cases.find((c) => c.name === 'Kerstin')?.attributes.stadsdel).toBe('W och X');
    const sources = await listSources(ctx, { project: demo.id });
    expect(sources.map((s) => [s.name, s.case?.name])).toEqual(cases.map((c) => [`Intervju ${c.name}`, c.name]));
  });

  it('has the traffic-light codebook', async () => {
    const book = await getCodebook(ctx, { project: demo.id });
    expect(book.map((n) => [n.name, n.color, n.children.length])).toEqual([
      ['Strategier', '#f2c200', 11],
      ['Möjligheter', '#2e9e4f', 4],
      ['Hinder', '#d64541', 5],
    ]);
    expect(book.reduce((sum, n) => sum + n.branchSegments, 0)).toBe(demo.codings);
  });

  it('has the guide before and after the media question, and the interview log the thesis gives', async () => {
    const { versions } = await listGuide(ctx, { project: demo.id });
    expect(versions.map((v) => [v.name, v.questions.length])).toEqual([
      ['1', 16],
      ['2', 17],
    ]);
    expect(versions[1]?.questions[7]?.text).toMatch(/mediernas påverkan/);
    const { interviews } = await listInterviews(ctx, { project: demo.id });
    expect(interviews).toHaveLength(8);
    expect(interviews[0]).toMatchObject({
      place: 'Intervjupersonens arbetsplats',
      interviewers: ['Yaman', 'Zozan'],
      guideVersion: { name: '2', logged: true },
      consent: { consentedOn: '2021-01-01' },
    });
    const malin = await locateGuideQuestions(ctx, { project: demo.id, source: 'Intervju Malin' });
    expect(malin.questions.filter((q) => q.asked && q.score === 1)).toHaveLength(17);
  });

  it('splits the transcription between the two authors by minutes: 3.5 and 4.5 interviews', async () => {
    const plan = await getTranscriptionPlan(ctx, { project: demo.id });
    expect(plan.transcribers.map((t) => [t.name, t.interviews])).toEqual([
      ['Yaman', expect.any(Number)],
      ['Zozan', expect.any(Number)],
    ]);
    expect(plan.transcribers.map((t) => t.interviews).sort()).toEqual([3.5, 4.5]);
    expect(plan.splitInterviews).toBe(1);
    for (const t of plan.transcribers) expect(Math.abs(t.plannedMs - t.targetMs)).toBeLessThanOrEqual(60_000);
  });

  it('codes media for exactly Albin, Kristin and Cathrin', async () => {
    const media = await retrieveSegments(ctx, { project: demo.id, code: 'media' });
    expect(media.map((s) => s.case?.name).sort()).toEqual(['Albin', 'Cathrin', 'Kristin']);
    expect(media.every((s) => s.code.name === 'media' && s.text.length > 100)).toBe(true);
  });

  it("cuts every segment's text from its source at its offsets", async () => {
    const texts = new Map(
      (await store.db.selectFrom('sources').select(['id', 'text']).execute()).map((r) => [r.id, new CodePointIndex(r.text)]),
    );
    const segments = await retrieveSegments(ctx, { project: demo.id });
    expect(segments).toHaveLength(demo.codings);
    for (const segment of segments) expect(segment.text).toBe(texts.get(segment.source.id)!.slice(segment.start, segment.end));
  });

  it("has Lipsky's concepts linked to their codes, a case set following the district, and a live smart code", async () => {
    const concepts = await listConcepts(ctx, { project: demo.id });
    expect(concepts.map((c) => [c.name, c.reference, c.codes.map((k) => k.name)])).toEqual([
      ['gräsrotsbyråkrat', 'Lipsky 2010', []],
      ['handlingsutrymme', 'Lipsky 2010', ['handlingsutrymme']],
      ['strategier för att öka handlingsutrymmet', 'Lipsky 2010', ['Strategier']],
    ]);
    const { cases } = await listCases(ctx, { project: demo.id });
    const inY = cases.filter((c) => c.attributes.stadsdel === 'Y').map((c) => c.name);
    const { sets } = await listSets(ctx, { project: demo.id });
    expect(sets.map((s) => [s.name, s.kind, s.rule, s.members.map((m) => m.name).sort()])).toEqual([
      ['Stadsdel Y', 'case', { attribute: 'stadsdel', value: 'Y' }, inY.sort()],
    ]);
    const { smartCodes } = await listSmartCodes(ctx, { project: demo.id });
    expect(smartCodes.map((c) => [c.name, c.problem])).toEqual([['Handlingsutrymme nära hinder', null]]);
    expect(smartCodes[0]?.hits).toBeGreaterThan(0);
  });

  it('leaves nothing to undo', async () => {
    await expectRefused(store, () => undo(ctx, { project: demo.id }), 'history.nothing-to-undo');
  });
});
