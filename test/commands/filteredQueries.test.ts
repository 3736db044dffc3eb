import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSet } from '../../src/commands/addSet.js';
import { buildReport } from '../../src/commands/buildReport.js';
import { codeCooccurrence } from '../../src/commands/codeCooccurrence.js';
import { codeFrequencies } from '../../src/commands/codeFrequencies.js';
import { codeMatrix } from '../../src/commands/codeMatrix.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { searchText } from '../../src/commands/searchText.js';
import { tempContext } from '../helpers.js';
import { kodaError, QUOTES, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  // Kristin speaks her own turn in Albin's group interview (district Z).
  await linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
  await addSet(ctx, { project: s.p, kind: 'case', name: 'Z', fromAttribute: { attribute: 'stadsdel', value: 'Z' } });
  await addSet(ctx, { project: s.p, kind: 'source', name: 'Ingen', members: [] });
});
afterEach(() => cleanup());

const row = (m: Awaited<ReturnType<typeof codeMatrix>>, name: string) => m.cells[m.rows.findIndex((r) => r.name === name)];

describe('the analysis filter in the queries', () => {
  it('matrix: a case set keeps its cases as columns and only their segments', async () => {
    const all = await codeMatrix(ctx, { project: s.p });
    expect(all.columns.map((c) => c.label)).toEqual(['Albin', 'Kristin']);
    expect(row(all, 'tidsbrist')).toEqual([1, 1]);
    const z = await codeMatrix(ctx, { project: s.p, filter: { caseSets: ['Z'] } });
    expect(z.columns.map((c) => c.label)).toEqual(['Kristin']);
    expect(row(z, 'tidsbrist')).toEqual([1]);
    expect(row(z, 'media')).toEqual([0]);
    expect(z.filter.caseSets).toEqual(['Z']);
  });

  it('matrix: the speaker role counts by the turn’s label; an empty source set counts nothing', async () => {
    const participants = await codeMatrix(ctx, { project: s.p, filter: { speaker: 'participant' } });
    expect(row(participants, 'tidsbrist')).toEqual([1, 1]);
    const interviewers = await codeMatrix(ctx, { project: s.p, filter: { speaker: 'interviewer' } });
    expect(interviewers.totals.every((n) => n === 0)).toBe(true);
    const none = await codeMatrix(ctx, { project: s.p, filter: { sourceSets: ['Ingen'] } });
    expect(none.totals.every((n) => n === 0)).toBe(true);
  });

  it('frequencies and co-occurrence follow an attribute', async () => {
    const y = await codeFrequencies(ctx, { project: s.p, filter: { attributes: [{ attribute: 'stadsdel', value: 'Y' }] } });
    expect(Object.fromEntries(y.map((f) => [f.name, f.segments]))).toMatchObject({ media: 1, tidsbrist: 1 });
    const z = await codeFrequencies(ctx, { project: s.p, filter: { caseSets: ['Z'] } });
    expect(Object.fromEntries(z.map((f) => [f.name, f.segments]))).toMatchObject({ media: 0, tidsbrist: 1 });
    const coY = await codeCooccurrence(ctx, { project: s.p, filter: { attributes: [{ attribute: 'stadsdel', value: 'Y' }] } });
    const names = coY.codes.map((c) => c.name);
    expect(coY.cells[names.indexOf('media')]?.[names.indexOf('tidsbrist')]).toBe(1);
    const coZ = await codeCooccurrence(ctx, { project: s.p, filter: { caseSets: ['Z'] } });
    const zNames = coZ.codes.map((c) => c.name);
    expect(coZ.cells[zNames.indexOf('media')]?.[zNames.indexOf('media')]).toBe(0);
    expect(coZ.cells[zNames.indexOf('tidsbrist')]?.[zNames.indexOf('tidsbrist')]).toBe(1);
  });

  it('retrieval and search keep the filtered cases’ words', async () => {
    const z = await retrieveSegments(ctx, { project: s.p, filter: { caseSets: ['Z'] } });
    expect(z.map((x) => x.text)).toEqual([QUOTES.kristin]);
    const found = await searchText(ctx, { project: s.p, query: 'tidsbrist', filter: { caseSets: ['Z'] } });
    expect(found.hits.map((h) => h.case?.name)).toEqual(['Kristin']);
    const none = await searchText(ctx, { project: s.p, query: 'media', filter: { caseSets: ['Z'] } });
    expect(none.hits).toEqual([]);
  });

  it('the report quotes only the filtered cases and says which filter it was built with', async () => {
    const r = await buildReport(ctx, { project: s.p, format: 'md', charts: false, filter: { caseSets: ['Z'] } });
    const text = new TextDecoder().decode(r.bytes);
    expect(text).toContain('Avgränsat till fallmängderna “Z”.');
    expect(text).toContain(QUOTES.kristin);
    expect(text).not.toContain(QUOTES.media);
    expect(r.counts.quotes).toBe(1);
  });

  it('an unknown set is a clear error', async () => {
    expect((await kodaError(codeMatrix(ctx, { project: s.p, filter: { caseSets: ['Norr'] } }))).code).toBe('set.case-not-found');
  });
});
