import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addConcept } from '../../src/commands/addConcept.js';
import { deleteCase } from '../../src/commands/deleteCase.js';
import { deleteCode } from '../../src/commands/deleteCode.js';
import { deleteConcept } from '../../src/commands/deleteConcept.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { editConcept } from '../../src/commands/editConcept.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { linkConcept } from '../../src/commands/linkConcept.js';
import { listConcepts } from '../../src/commands/listConcepts.js';
import { mergeCodes } from '../../src/commands/mergeCodes.js';
import { removeSegment } from '../../src/commands/removeSegment.js';
import { unlinkConcept } from '../../src/commands/unlinkConcept.js';
import { withdrawParticipant } from '../../src/commands/withdrawParticipant.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { expectRefused, QUOTES, type Study, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  await addConcept(ctx, { project: s.p, name: 'handlingsutrymme', definition: 'Frihet att välja', reference: 'Lipsky 2010' });
});
afterEach(() => cleanup());

const links = () => store.db.selectFrom('theory_links').select(['target_kind', 'target_id']).orderBy('target_id').execute();

describe('theory concepts', () => {
  it('adds, edits and lists a concept with its definition and reference', async () => {
    await editConcept(ctx, { project: s.p, concept: 'HANDLINGSUTRYMME', reference: 'Lipsky 1980/2010' });
    const [c] = await listConcepts(ctx, { project: s.p });
    expect(c).toMatchObject({
      name: 'handlingsutrymme',
      definition: 'Frihet att välja',
      reference: 'Lipsky 1980/2010',
      codes: [],
      segments: [],
      memos: [],
    });
  });

  it('links codes, segments and memos and lists them with counts, words and titles', async () => {
    const link = (target: 'code' | 'segment' | 'memo', on: string) =>
      linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target, on });
    expect(await link('code', 'Hinder/tidsbrist')).toMatchObject({ added: true, targetId: s.codes.tidsbrist });
    expect(await link('code', s.codes.tidsbrist)).toMatchObject({ added: false });
    await link('segment', s.segments.media);
    await link('memo', s.memos.case);
    const [c] = await listConcepts(ctx, { project: s.p });
    expect(c?.codes).toEqual([{ id: s.codes.tidsbrist, name: 'tidsbrist', color: expect.any(String), segments: 2 }]);
    expect(c?.segments).toMatchObject([{ id: s.segments.media, text: QUOTES.media, case: { name: 'Albin' } }]);
    expect(c?.memos).toEqual([{ id: s.memos.case, title: 'Om Albin', target: 'case', targetId: s.cases.albin }]);
    expect(await links()).toHaveLength(3);
  });

  it('unlinks, and deletes a concept with its links; undo brings them back', async () => {
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.code });
    await unlinkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' });
    expect(await links()).toEqual([{ target_kind: 'memo', target_id: s.memos.code }]);
    expect(await deleteConcept(ctx, { project: s.p, concept: 'handlingsutrymme' })).toMatchObject({ links: 1 });
    expect(await listConcepts(ctx, { project: s.p })).toEqual([]);
    expect(await links()).toEqual([]);
    await undo(ctx, { project: s.p });
    expect((await listConcepts(ctx, { project: s.p }))[0]?.memos).toHaveLength(1);
  });

  it('refuses a taken name, an unknown concept, target or link, and an empty name', async () => {
    await expectRefused(store, () => addConcept(ctx, { project: s.p, name: 'Handlingsutrymme' }), 'concept.exists');
    await expectRefused(store, () => addConcept(ctx, { project: s.p, name: ' ' }), 'input.invalid');
    await expectRefused(store, () => editConcept(ctx, { project: s.p, concept: 'nej', name: 'x' }), 'concept.not-found');
    const link = (target: 'code' | 'segment' | 'memo', on: string) => () =>
      linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target, on });
    await expectRefused(store, link('code', 'okänd'), 'code.not-found');
    await expectRefused(store, link('segment', 'nej'), 'segment.not-found');
    await expectRefused(store, link('memo', 'nej'), 'memo.not-found');
    await expectRefused(
      store,
      () => unlinkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' }),
      'concept.link-not-found',
    );
  });
});

describe('links never outlive what they name', () => {
  it('a removed segment takes its links and the links to its memos', async () => {
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'segment', on: s.segments.media });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.segment });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.code });
    await removeSegment(ctx, { project: s.p, segment: s.segments.media });
    expect(await links()).toEqual([{ target_kind: 'memo', target_id: s.memos.code }]);
  });

  it('a deleted code takes the links to it, its branch, its segments and their memos', async () => {
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'personal' });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'segment', on: s.segments.tidsbrist });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.code });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' });
    await deleteCode(ctx, { project: s.p, code: 'tidsbrist', withSegments: true });
    expect(await links()).toEqual([{ target_kind: 'code', target_id: s.codes.media }]);
    await undo(ctx, { project: s.p });
    expect(await links()).toHaveLength(4);
  });

  it('a merged code hands its links to the code it merges into, once', async () => {
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'tidsbrist' });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'segment', on: s.segments.media });
    await mergeCodes(ctx, { project: s.p, from: 'media', into: 'tidsbrist' });
    // media's segment collapsed into its tidsbrist twin: the link follows it.
    expect(await links()).toEqual(
      [
        { target_kind: 'code', target_id: s.codes.tidsbrist },
        { target_kind: 'segment', target_id: s.segments.tidsbristTwin },
      ].sort((a, b) => a.target_id.localeCompare(b.target_id)),
    );
  });

  it('a deleted source takes the links to its segments and the memos on it; a deleted case the links to its memos', async () => {
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'segment', on: s.segments.tidsbrist });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.source });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.case });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' });
    await deleteSource(ctx, { project: s.p, source: s.source });
    expect((await links()).map((l) => l.target_kind).sort()).toEqual(['code', 'memo']);
    await deleteCase(ctx, { project: s.p, case: 'Albin' });
    expect(await links()).toEqual([{ target_kind: 'code', target_id: s.codes.media }]);
  });

  it('a withdrawn participant takes the links to their segments and to the memos on their material', async () => {
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'segment', on: s.segments.media });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.case });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.source });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.code });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' });
    await withdrawParticipant(ctx, { project: s.p, case: 'Albin' });
    expect((await links()).sort((a, b) => a.target_kind.localeCompare(b.target_kind))).toEqual([
      { target_kind: 'code', target_id: s.codes.media },
      { target_kind: 'memo', target_id: s.memos.code },
    ]);
  });
});
