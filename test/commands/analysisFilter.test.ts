import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { type AnalysisFilter, passes, resolveFilter } from '../../src/commands/helpers/analysisFilter.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import type { Store } from '../../src/store/db.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { tempContext, utf8 } from '../helpers.js';
import { kodaError, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;
let other: string;
let bo: string;

/** A set written straight to the store: the filter is tested apart from the set commands. */
async function makeSet(kind: 'source' | 'case', name: string, members: string[], rule: object | null = null) {
  const id = newId();
  await store.db
    .insertInto('sets')
    .values({ id, project_id: s.p, kind, name, description: '', rule: rule && JSON.stringify(rule), created_at: nowIso() })
    .execute();
  for (const member of members)
    await store.db.insertInto('set_members').values({ id: newId(), set_id: id, member_id: member }).execute();
  return id;
}

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  // Kristin speaks in Albin's group interview; Bo (district Z) has an interview of his own.
  await linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
  bo = (await addCase(ctx, { project: s.p, name: 'Bo', attributes: { stadsdel: 'Z', år: '3' } })).id;
  other = (await importSource(ctx, { project: s.p, fileName: 'bo.txt', bytes: utf8('I: Fråga?\n\nBo: Svar.\n'), case: 'Bo' })).id;
});
afterEach(() => cleanup());

const coder = async () =>
  (await store.db.selectFrom('coders').select('id').where('name', '=', 'tester').executeTakeFirstOrThrow()).id;
const resolve = (filter: AnalysisFilter) => resolveFilter(store.db, s.p, filter);
const seg = (over: Partial<Parameters<typeof passes>[1]> = {}) => ({
  sourceId: s.source,
  caseId: s.cases.albin,
  coderId: 'k',
  speaker: 'Albin',
  ...over,
});

describe('resolveFilter and passes', () => {
  it('an empty filter rules nothing out', async () => {
    const f = await resolve({});
    expect(f.active).toBe(false);
    expect(passes(f, seg({ caseId: null, speaker: null }))).toBe(true);
  });

  it('an attribute keeps the cases holding its value, the value read as its type', async () => {
    const f = await resolve({ attributes: [{ attribute: 'Stadsdel', value: 'z' }] });
    expect([...(f.caseIds ?? [])].sort()).toEqual([s.cases.kristin, bo].sort());
    expect(f.described.attributes).toEqual([{ attribute: 'stadsdel', value: 'Z' }]);
    // Kristin's turn in Albin's interview passes; Albin's words there do not, nor words of no case.
    expect(passes(f, seg({ caseId: s.cases.kristin }))).toBe(true);
    expect(passes(f, seg())).toBe(false);
    expect(passes(f, seg({ caseId: null }))).toBe(false);
    // The sources reached: Bo's own, and the group interview where Kristin speaks.
    expect([...(f.sourceIds ?? [])].sort()).toEqual([s.source, other].sort());
  });

  it('several attributes AND together', async () => {
    const f = await resolve({
      attributes: [
        { attribute: 'stadsdel', value: 'Z' },
        { attribute: 'år', value: '3,0' },
      ],
    });
    expect([...(f.caseIds ?? [])]).toEqual([bo]);
    expect([...(f.sourceIds ?? [])]).toEqual([other]);
  });

  it('several case sets OR together; a set and an attribute AND together', async () => {
    await makeSet('case', 'Albin ensam', [s.cases.albin]);
    await makeSet('case', 'Norr', [], { attribute: 'stadsdel', value: 'Z' });
    const either = await resolve({ caseSets: ['Albin ensam', 'Norr'] });
    expect([...(either.caseIds ?? [])].sort()).toEqual([s.cases.albin, s.cases.kristin, bo].sort());
    expect(either.described.caseSets).toEqual(['Albin ensam', 'Norr']);
    const both = await resolve({ caseSets: ['Norr'], cases: ['Bo', s.cases.albin] });
    expect([...(both.caseIds ?? [])]).toEqual([bo]);
    expect(both.described.cases).toEqual(['Bo', 'Albin']);
  });

  it('a rule set follows the attribute as it changes', async () => {
    await makeSet('case', 'Y', [], { attribute: 'stadsdel', value: 'Y' });
    expect([...((await resolve({ caseSets: ['Y'] })).caseIds ?? [])]).toEqual([s.cases.albin]);
    await store.db.deleteFrom('attribute_values').where('case_id', '=', s.cases.albin).execute();
    expect([...((await resolve({ caseSets: ['Y'] })).caseIds ?? [])]).toEqual([]);
  });

  it('a source set keeps its sources; sources by name AND with it', async () => {
    const id = await makeSet('source', 'Grupp', [s.source]);
    const f = await resolve({ sourceSets: [id] });
    expect(passes(f, seg())).toBe(true);
    expect(passes(f, seg({ sourceId: other }))).toBe(false);
    const none = await resolve({ sourceSets: ['Grupp'], sources: ['bo'] });
    expect(none.sourceIds?.size).toBe(0);
    expect(passes(none, seg())).toBe(false);
  });

  it('an empty set filters everything out', async () => {
    await makeSet('source', 'Tom', []);
    const f = await resolve({ sourceSets: ['Tom'] });
    expect(f.active).toBe(true);
    expect(passes(f, seg())).toBe(false);
  });

  it('coders by name or id', async () => {
    const id = await coder();
    for (const ref of ['tester', id]) {
      const f = await resolve({ coders: [ref] });
      expect(passes(f, seg({ coderId: id }))).toBe(true);
      expect(passes(f, seg({ coderId: 'other' }))).toBe(false);
    }
  });

  it("the speaker's role comes from the turn's label; words outside turns have none", async () => {
    const interviewer = await resolve({ speaker: 'interviewer' });
    expect(passes(interviewer, seg({ speaker: 'I' }))).toBe(true);
    expect(passes(interviewer, seg({ speaker: 'Intervjuare 2' }))).toBe(true);
    expect(passes(interviewer, seg({ speaker: 'Albin' }))).toBe(false);
    const participant = await resolve({ speaker: 'participant' });
    expect(passes(participant, seg({ speaker: 'Albin' }))).toBe(true);
    expect(passes(participant, seg({ speaker: null }))).toBe(false);
  });

  it('refuses unknown names and values the attribute refuses, each with its own error', async () => {
    expect((await kodaError(resolve({ caseSets: ['Söder'] }))).code).toBe('set.case-not-found');
    await makeSet('case', 'Fallmängd', []);
    // A case set is not found as a source set.
    expect((await kodaError(resolve({ sourceSets: ['Fallmängd'] }))).code).toBe('set.source-not-found');
    expect((await kodaError(resolve({ sources: ['okänd'] }))).code).toBe('source.not-found');
    expect((await kodaError(resolve({ cases: ['okänd'] }))).code).toBe('case.not-found');
    expect((await kodaError(resolve({ coders: ['okänd'] }))).code).toBe('coder.not-found');
    expect((await kodaError(resolve({ attributes: [{ attribute: 'ålder', value: '3' }] }))).code).toBe('attribute.not-found');
    expect((await kodaError(resolve({ attributes: [{ attribute: 'stadsdel', value: 'Q' }] }))).code).toBe('attribute.choice');
  });
});
