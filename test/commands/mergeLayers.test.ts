import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acceptConsensus } from '../../src/commands/acceptConsensus.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { getCodebook } from '../../src/commands/getCodebook.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { mergeLayers } from '../../src/commands/mergeLayers.js';
import { retrieveSegments } from '../../src/commands/retrieveSegments.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { tempContext, utf8 } from '../helpers.js';
import { TEXT, type TwoCoderStudy, twoCoderStudy } from './agreementFixture.js';
import { expectRefused } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let store: Awaited<ReturnType<typeof tempContext>>['store'];
let home: TwoCoderStudy;
let away: { p: string; source: string };

/**
 * Two copies of one study. "Hemma" holds anna's and bo's coding (the fixture). "Borta" was coded
 * apart: the same transcript under another file name, a code "Hinder/ny" Hemma lacks, and
 * another transcript Hemma does not have at all. In Borta, anna coded once exactly as in Hemma
 * (a duplicate) and once anew; "Bo" (capital B: a different name from Hemma's bo) coded twice;
 * and there is a consensus layer.
 */
beforeEach(async () => {
  ({ ctx, store, cleanup } = await tempContext());
  home = await twoCoderStudy(ctx, 'Hemma');
  const project = await createProject(ctx, { name: 'Borta' });
  const p = project.id;
  const source = await importSource(ctx, { project: p, fileName: 'kopia.txt', bytes: utf8(TEXT) });
  const extra = await importSource(ctx, { project: p, fileName: 'extra.txt', bytes: utf8('En helt annan intervju.') });
  await addCode(ctx, { project: p, name: 'Hinder' });
  await addCode(ctx, { project: p, name: 'Media', parent: 'Hinder', color: '#123456' });
  await addCode(ctx, { project: p, name: 'ny', parent: 'Hinder', description: 'ny kod' });
  const code = (coder: string, c: string, src: string, start: number, end: number, memo = '') =>
    applyCoding(ctx, { project: p, source: src, code: c, start, end, coder, memo });
  const dup = await code('anna', 'Hinder/Media', source.id, 0, 10);
  await code('anna', 'ny', source.id, 11, 23, 'annas nya');
  await code('Bo', 'Hinder/Media', source.id, 5, 23);
  await code('Bo', 'ny', extra.id, 0, 2);
  await acceptConsensus(ctx, { project: p, source: source.id, code: 'Hinder/Media', start: 0, end: 23, from: ['anna'] });
  // A memo on a segment (no command writes those yet): straight into the table.
  await store.db
    .insertInto('memos')
    .values({
      id: newId(),
      project_id: p,
      target_kind: 'segment',
      target_id: dup.id,
      title: 'Not',
      body: 'från borta',
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
  away = { p, source: source.id };
});
afterEach(() => cleanup());

const layer = async (coder: string) =>
  (await retrieveSegments(ctx, { project: home.p, coder })).map((r) => `${r.code.name} ${r.source.name} ${r.start}-${r.end}`);

describe('mergeLayers', () => {
  it('copies each coder’s segments, skips duplicates, keeps differently named coders apart and reports what it cannot place', async () => {
    const r = await mergeLayers(ctx, { project: home.p, from: away.p });
    // Borta has 5 segments: anna 2 (one as in Hemma), Bo 2 (one on a transcript Hemma lacks), consensus 1.
    expect(r).toMatchObject({ segments: 5, copied: 3, duplicates: 1, unmatched: 1, sourcesMatched: 1 });
    expect(r.copied + r.duplicates + r.unmatched).toBe(r.segments);
    expect(r.layers).toEqual([
      { coder: 'anna', copied: 1, duplicates: 1, unmatched: 0 },
      { coder: 'Bo', copied: 1, duplicates: 0, unmatched: 1 },
      { coder: 'consensus', copied: 1, duplicates: 0, unmatched: 0 },
    ]);
    expect(r.unmatchedSources).toEqual([{ source: 'extra', segments: 1 }]);
    expect(r.codesCreated).toEqual(['Hinder/ny']);
    expect(r.codersCreated.sort()).toEqual(['Bo', 'consensus']);

    expect(await layer('anna')).toEqual(['media intervju 0-10', 'ny intervju 11-23', 'plan intervju 25-38']);
    expect(await layer('bo')).toEqual(['media intervju 5-23', 'plan intervju 25-38']);
    expect(await layer('Bo')).toEqual(['media intervju 5-23']);
    expect(await layer('consensus')).toEqual(['media intervju 0-10']);
    // "Hinder/Media" found "Hinder/media" (names compare without case); "ny" came with its description.
    const tree = await getCodebook(ctx, { project: home.p });
    const hinder = tree.find((n) => n.name === 'Hinder');
    expect(hinder?.children.map((c) => c.name)).toEqual(['media', 'ny']);
    expect(hinder?.children[1]?.description).toBe('ny kod');
  });

  it('merging twice adds nothing: every segment is then a duplicate', async () => {
    await mergeLayers(ctx, { project: home.p, from: away.p });
    const before = await retrieveSegments(ctx, { project: home.p });
    const again = await mergeLayers(ctx, { project: home.p, from: away.p });
    expect(again).toMatchObject({ copied: 0, duplicates: 4, unmatched: 1, codesCreated: [], codersCreated: [] });
    expect(await retrieveSegments(ctx, { project: home.p })).toHaveLength(before.length);
  });

  it('memos follow their segments; a duplicate’s memo joins its twin once', async () => {
    const r = await mergeLayers(ctx, { project: home.p, from: away.p });
    expect(r.memos).toBe(1);
    const memos = await store.db
      .selectFrom('memos')
      .selectAll()
      .where('project_id', '=', home.p)
      .where('target_id', '=', home.segments.annaMedia.id)
      .execute();
    expect(memos.map((m) => m.body)).toEqual(['från borta']);
    expect((await mergeLayers(ctx, { project: home.p, from: away.p })).memos).toBe(0);
    const copied = (await retrieveSegments(ctx, { project: home.p, code: 'ny', coder: 'anna' }))[0];
    expect(copied?.memo).toBe('annas nya');
  });

  it('leaves the other copy as it was, and is undone in one step', async () => {
    const awayBefore = await retrieveSegments(ctx, { project: away.p });
    const homeBefore = await retrieveSegments(ctx, { project: home.p });
    await mergeLayers(ctx, { project: home.p, from: away.p });
    expect(await retrieveSegments(ctx, { project: away.p })).toEqual(awayBefore);
    await undo(ctx, { project: home.p });
    expect(await retrieveSegments(ctx, { project: home.p })).toEqual(homeBefore);
    expect((await getCodebook(ctx, { project: home.p })).find((n) => n.name === 'Hinder')?.children.map((c) => c.name)).toEqual([
      'media',
    ]);
  });

  it('a dry run says what it would do and changes nothing', async () => {
    const counts = await store.db
      .selectFrom('segments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const r = await mergeLayers(ctx, { project: home.p, from: away.p, dryRun: true });
    expect(r.copied).toBe(3);
    const after = await store.db
      .selectFrom('segments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(counts.n));
  });

  it('refuses to merge a project into itself, and a coder whose kind differs between the copies', async () => {
    await expectRefused(store, () => mergeLayers(ctx, { project: home.p, from: home.p }), 'merge.same-project');
    await home.code('consensus', 'plan', 0, 4);
    await expectRefused(store, () => mergeLayers(ctx, { project: home.p, from: away.p }), 'merge.kind-mismatch');
  });
});
