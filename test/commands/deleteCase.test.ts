import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteCase } from '../../src/commands/deleteCase.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import type { Store } from '../../src/store/db.js';
import { tempContext, utf8 } from '../helpers.js';
import { dumpTables, expectRefused, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

const ids = async (table: 'sources' | 'turns' | 'segments' | 'attribute_values' | 'memos' | 'cases') =>
  (await store.db.selectFrom(table).select('id').execute()).map((r) => r.id).sort();

describe('deleteCase without withSources', () => {
  it('deletes the case, its values and memos, keeping its source unlinked', async () => {
    const result = await deleteCase(ctx, { project: s.p, case: 'Albin' });
    expect(result).toEqual({
      id: s.cases.albin,
      name: 'Albin',
      sources: 1,
      sourcesDeleted: false,
      segments: 0,
      turns: 0,
      memos: 1,
    });
    expect(await ids('cases')).toEqual([s.cases.kristin]);
    const source = await store.db.selectFrom('sources').select('case_id').where('id', '=', s.source).executeTakeFirstOrThrow();
    expect(source.case_id).toBeNull();
    expect(await ids('segments')).toHaveLength(3);
    expect(await ids('turns')).toHaveLength(3);
    const values = await store.db.selectFrom('attribute_values').select('case_id').execute();
    expect(values).toEqual([{ case_id: s.cases.kristin }]);
    expect(await ids('memos')).toEqual([s.memos.source, s.memos.code, s.memos.segment].sort());
  });

  it("unlinks turns the case spoke in another case's source", async () => {
    await linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' });
    await deleteCase(ctx, { project: s.p, case: 'Kristin' });
    const turns = await store.db.selectFrom('turns').select('case_id').execute();
    expect(turns).toEqual([{ case_id: null }, { case_id: null }, { case_id: null }]);
  });
});

describe('deleteCase withSources', () => {
  it('deletes its sources, turns, segments, values and the memos on them all', async () => {
    const other = await importSource(ctx, {
      project: s.p,
      fileName: 'kristin.txt',
      bytes: utf8('Kristin ensam.'),
      case: 'Kristin',
    });
    const result = await deleteCase(ctx, { project: s.p, case: 'Albin', withSources: true });
    expect(result).toEqual({
      id: s.cases.albin,
      name: 'Albin',
      sources: 1,
      sourcesDeleted: true,
      segments: 3,
      turns: 3,
      memos: 3,
      recordings: 0,
    });
    expect(await ids('sources')).toEqual([other.id]);
    expect(await ids('turns')).toEqual([]);
    expect(await ids('segments')).toEqual([]);
    expect(await ids('cases')).toEqual([s.cases.kristin]);
    expect(await ids('memos')).toEqual([s.memos.code]);
    const values = await store.db.selectFrom('attribute_values').select('case_id').execute();
    expect(values).toEqual([{ case_id: s.cases.kristin }]);
  });

  it('changes nothing on a dry run', async () => {
    const before = await dumpTables(store);
    expect(await deleteCase(ctx, { project: s.p, case: 'Albin', withSources: true, dryRun: true })).toMatchObject({
      segments: 3,
      turns: 3,
    });
    expect(await dumpTables(store)).toEqual(before);
  });

  it('refuses an unknown case', async () => {
    await expectRefused(store, () => deleteCase(ctx, { project: s.p, case: 'Okänd', withSources: true }), 'case.not-found');
  });
});
