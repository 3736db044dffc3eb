import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { addConcept } from '../../src/commands/addConcept.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { deleteMemo } from '../../src/commands/deleteMemo.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { linkConcept } from '../../src/commands/linkConcept.js';
import { listMemos } from '../../src/commands/listMemos.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import type { Store } from '../../src/store/db.js';
import { tempContext } from '../helpers.js';
import { expectRefused, QUOTES, type Study, spanOf, studyFixture } from './fixtures.js';

let ctx: CommandContext;
let store: Store;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  s = await studyFixture(ctx);
});
afterEach(() => cleanup());

describe('memos on segments', () => {
  it('writes a full memo on a segment beside its short note, listed with the segment’s place and words', async () => {
    const memo = await writeMemo(ctx, {
      project: s.p,
      target: 'segment',
      on: s.segments.tidsbrist,
      title: 'Tidsbrist hos Kristin',
      body: 'Samma som Albin säger.',
    });
    expect(memo).toEqual({ id: expect.any(String), target: 'segment', targetId: s.segments.tidsbrist });
    const [listed] = await listMemos(ctx, { project: s.p, target: 'segment', on: s.segments.tidsbrist });
    expect(listed).toMatchObject({
      id: memo.id,
      targetName: 'grupp',
      segment: { sourceId: s.source, text: QUOTES.kristin, code: 'tidsbrist', ...spanOf(s.text, QUOTES.kristin) },
    });
    // The segment's own short note is untouched.
    const row = await store.db.selectFrom('segments').select('memo').where('id', '=', s.segments.media).executeTakeFirstOrThrow();
    expect(row.memo).toBe('tydligt exempel');
  });

  it('keeps the target of a memo when it is edited', async () => {
    const edited = await writeMemo(ctx, { project: s.p, memo: s.memos.segment, title: 'Ny rubrik', body: 'Ny text' });
    expect(edited).toEqual({ id: s.memos.segment, target: 'segment', targetId: s.segments.media });
  });
});

describe('listMemos', () => {
  it('names what each memo is on', async () => {
    const byTitle = Object.fromEntries((await listMemos(ctx, { project: s.p })).map((m) => [m.title, m.targetName]));
    expect(byTitle).toEqual({
      'Om intervjun': 'grupp',
      'Om Albin': 'Albin',
      Definition: 'tidsbrist',
      Segmentanteckning: 'grupp',
    });
  });

  it('lists the memos on one object', async () => {
    await writeMemo(ctx, { project: s.p, target: 'code', on: 'media', title: 'Om media' });
    const onCode = await listMemos(ctx, { project: s.p, target: 'code', on: 'Hinder/tidsbrist' });
    expect(onCode.map((m) => m.title)).toEqual(['Definition']);
  });

  it('finds memos by words in title or body, without case, stemmed, every word', async () => {
    await writeMemo(ctx, { project: s.p, title: 'Handlingsutrymme', body: 'Tjänstemännen hindras av strategierna.' });
    const titles = async (q: string) => (await listMemos(ctx, { project: s.p, q })).map((m) => m.title).sort();
    expect(await titles('KRISTIN')).toEqual(['Segmentanteckning']);
    expect(await titles('handling')).toEqual(['Handlingsutrymme']);
    // "strategi" shares its Swedish stem with "strategierna".
    expect(await titles('strategi')).toEqual(['Handlingsutrymme']);
    expect(await titles('brist tid')).toEqual(['Definition']);
    expect(await titles('brist kristin')).toEqual([]);
    expect(await titles('  ')).toHaveLength(5);
  });

  it('refuses an unknown object to list the memos of', async () => {
    await expectRefused(store, () => listMemos(ctx, { project: s.p, target: 'case', on: 'Okänd' }), 'case.not-found');
  });

  it('in blind mode shows a coder the memos on their own segments only', async () => {
    await setBlindMode(ctx, { project: s.p, blind: true });
    const other: CommandContext = { ...ctx, actor: 'kodare2' };
    const { text } = s;
    const own = await applyCoding(other, { project: s.p, source: s.source, code: 'plan', ...spanOf(text, QUOTES.tidsbrist) });
    await writeMemo(other, { project: s.p, target: 'segment', on: own.id, title: 'Mitt' });
    const seen = (await listMemos(other, { project: s.p, target: 'segment' })).map((m) => m.title);
    expect(seen).toEqual(['Mitt']);
    expect((await listMemos(ctx, { project: s.p, target: 'segment' })).map((m) => m.title).sort()).toEqual([
      'Mitt',
      'Segmentanteckning',
    ]);
  });
});

describe('deleteMemo', () => {
  it('deletes a memo and the theory links to it; undo brings both back', async () => {
    await addConcept(ctx, { project: s.p, name: 'handlingsutrymme' });
    await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.code });
    const r = await deleteMemo(ctx, { project: s.p, memo: s.memos.code });
    expect(r).toMatchObject({ id: s.memos.code, title: 'Definition', links: 1 });
    expect(await store.db.selectFrom('memos').select('id').where('id', '=', s.memos.code).execute()).toEqual([]);
    expect(await store.db.selectFrom('theory_links').select('id').execute()).toEqual([]);
    await undo(ctx, { project: s.p });
    expect((await listMemos(ctx, { project: s.p, target: 'code' }))[0]).toMatchObject({
      id: s.memos.code,
      concepts: ['handlingsutrymme'],
    });
  });

  it('refuses a memo of another project or none', async () => {
    await addCode(ctx, { project: s.p, name: 'x' });
    await expectRefused(store, () => deleteMemo(ctx, { project: s.p, memo: 'nej' }), 'memo.not-found');
  });
});
