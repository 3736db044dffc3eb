import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { addPseudonym } from '../../src/commands/addPseudonym.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { applyPseudonyms } from '../../src/commands/applyPseudonyms.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { getSource } from '../../src/commands/getSource.js';
import { undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { listCases } from '../../src/commands/listCases.js';
import { setSegmentMemo } from '../../src/commands/setSegmentMemo.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import { contextRanges } from '../../src/core/anchoring/quoteSelector.js';
import { CodePointIndex, codePointRange } from '../../src/core/text/codePoints.js';
import { readOriginal } from '../../src/store/originals.js';
import { PseudonymKey } from '../../src/store/pseudonymKey.js';
import { tempContext, utf8 } from '../helpers.js';
import { storeFiles } from '../storeFiles.js';
import { dumpTables, expectRefused, kodaError, spanOf } from './fixtures.js';

const SECRET = 'korrekt häst batteri häftstift';

/** A raw transcript: real names, a genitive, a two-word place, emoji before names. */
const TEXT = [
  'Intervju i Omega kommun 😀',
  '',
  'I: Vem arbetar med 👩🏽‍🔬 trygghet i Hammarkullen?',
  '',
  'Kerstin: Jag och 😀Albin. Kerstins team träffas i Hammarkullen varje vecka. Omega kommun betalar.',
  '',
  'Albin: Kerstin har rätt, men Hammarkullens skola saknas.',
  '',
].join('\n');

const EXPECTED = [
  'Intervju i [kommun X] 😀',
  '',
  'I: Vem arbetar med 👩🏽‍🔬 trygghet i [stadsdel Y]?',
  '',
  'Lena: Jag och 😀Nils-Åke. Lenas team träffas i [stadsdel Y] varje vecka. [kommun X] betalar.',
  '',
  'Nils-Åke: Lena har rätt, men [stadsdel Y]s skola saknas.',
  '',
].join('\n');

/** Coded quotes and the words each must cover afterwards. */
const KEPT: Record<string, string> = {
  'trygghet i Hammarkullen': 'trygghet i [stadsdel Y]',
  'Jag och 😀Albin.': 'Jag och 😀Nils-Åke.',
  'Kerstins team träffas i Hammarkullen varje vecka': 'Lenas team träffas i [stadsdel Y] varje vecka',
  'Omega kommun betalar.': '[kommun X] betalar.',
  'Hammarkullens skola': '[stadsdel Y]s skola',
  'rätt, men ': 'rätt, men ',
  'varje vecka': 'varje vecka',
  'Intervju i Omega kommun': 'Intervju i [kommun X]',
  'Kerstin: Jag och 😀Albin. Kerstins team träffas i Hammarkullen varje vecka. Omega kommun betalar.':
    'Lena: Jag och 😀Nils-Åke. Lenas team träffas i [stadsdel Y] varje vecka. [kommun X] betalar.',
};

/** Quotes with an edge inside a name, and what widening makes of them. */
const BROKEN: Record<string, string> = {
  'Albin: Kerst': 'Nils-Åke: Lena',
  'ammarkullens skola': '[stadsdel Y]s skola',
};

/** Every real form, as bytes are searched for them (the file name gives the lower-case one). */
const REAL = ['Kerstin', 'kerstin', 'Hammarkullen', 'Albin', 'Omega'];

let env: Awaited<ReturnType<typeof tempContext>>;
let sourceId: string;
let segmentIds: Record<string, string>;

beforeEach(async () => {
  env = await tempContext();
  env.ctx.pseudonymSecret = SECRET;
  const ctx = env.ctx;
  await createProject(ctx, { name: 'Studie A', language: 'sv' });
  const p = 'Studie A';
  await defineAttribute(ctx, { project: p, name: 'kommun', type: 'choice', choices: ['Omega', 'Annan'] });
  await addCase(ctx, {
    project: p,
    name: 'Kerstin',
    description: 'Kerstin leder teamet i Hammarkullen',
    attributes: { stadsdel: 'Hammarkullen', kommun: 'Omega' },
  });
  const source = await importSource(ctx, { project: p, fileName: 'kerstin.txt', bytes: utf8(TEXT), case: 'Kerstin' });
  sourceId = source.id;
  await addCode(ctx, { project: p, name: 'Hammarkullen-frågor', color: '#d64541' });
  segmentIds = {};
  for (const quote of [...Object.keys(KEPT), ...Object.keys(BROKEN)]) {
    const s = await applyCoding(ctx, { project: p, source: sourceId, code: 'Hammarkullen-frågor', ...spanOf(TEXT, quote) });
    segmentIds[quote] = s.id;
  }
  // History that holds the real names: a replaced memo and a whole deleted source.
  await setSegmentMemo(ctx, { project: p, segment: segmentIds['varje vecka'] as string, memo: 'Kerstin säger detta ofta' });
  await setSegmentMemo(ctx, { project: p, segment: segmentIds['varje vecka'] as string, memo: 'Kerstin och Albin säger detta' });
  const memo = await writeMemo(ctx, { project: p, title: 'Om Albin', body: 'Albin och Kerstin i Omega' });
  await writeMemo(ctx, { project: p, memo: memo.id, title: 'Om Albin och Kerstin', body: 'Albin och Kerstin i Omega kommun' });
  const extra = await importSource(ctx, { project: p, fileName: 'extra.txt', bytes: utf8('Albin: Kerstin bor i Hammarkullen.') });
  await deleteSource(ctx, { project: p, source: extra.id });

  await addPseudonym(ctx, { project: p, real: 'Kerstin', fictive: 'Lena' });
  await addPseudonym(ctx, { project: p, real: ['Albin'], fictive: 'Nils-Åke', kind: 'person' });
  await addPseudonym(ctx, { project: p, real: ['Omega kommun', 'Omega'], fictive: '[kommun X]', kind: 'place' });
  await addPseudonym(ctx, { project: p, real: 'Hammarkullen', fictive: '[stadsdel Y]', kind: 'place' });
});
afterEach(() => env.cleanup());

/** Drops the segments with an edge inside a name, for the runs that expect none. */
async function dropBroken() {
  await env.store.db
    .deleteFrom('segments')
    .where(
      'id',
      'in',
      Object.keys(BROKEN).map((q) => segmentIds[q] as string),
    )
    .execute();
}

async function segmentRows() {
  return env.store.db.selectFrom('segments').selectAll().where('source_id', '=', sourceId).execute();
}

/** Every segment's quote selector and turn must agree with the text it now lies in. */
async function expectAnchoredIn(text: string) {
  const index = new CodePointIndex(text);
  const source = await getSource(env.ctx, { project: 'Studie A', source: sourceId });
  for (const s of await segmentRows()) {
    expect(s.exact).toBe(index.slice(s.start_offset, s.end_offset));
    const { prefix, suffix } = contextRanges(codePointRange({ start: s.start_offset, end: s.end_offset }), index.length);
    expect(s.prefix).toBe(index.slice(prefix.start, prefix.end));
    expect(s.suffix).toBe(index.slice(suffix.start, suffix.end));
    const turn = source.turns.find((t) => t.start <= s.start_offset && s.start_offset < t.end);
    expect(s.turn_id).toBe(turn?.id ?? null);
  }
}

function occurrences(haystack: Buffer, needle: string): number {
  const bytes = Buffer.from(needle, 'utf8');
  let n = 0;
  for (let at = haystack.indexOf(bytes); at >= 0; at = haystack.indexOf(bytes, at + 1)) n++;
  return n;
}

async function storeBytes(): Promise<Buffer> {
  return Buffer.concat([...(await storeFiles(env.store, env.dir)).values()]);
}

describe('applyPseudonyms', () => {
  it('rewrites the text and keeps every segment on the same words, re-anchored', async () => {
    await dropBroken();
    const result = await applyPseudonyms(env.ctx, { project: 'Studie A' });
    const source = await getSource(env.ctx, { project: 'Studie A', source: sourceId });
    expect(source.text).toBe(EXPECTED);
    expect(source.length).toBe([...EXPECTED].length);
    expect(source.textHash).toBe(createHash('sha256').update(EXPECTED).digest('hex'));
    const rows = await segmentRows();
    expect(rows).toHaveLength(Object.keys(KEPT).length);
    for (const [quote, expected] of Object.entries(KEPT)) {
      const row = rows.find((r) => r.id === segmentIds[quote]);
      expect(row?.exact).toBe(expected);
      expect({ start: row?.start_offset, end: row?.end_offset }).toEqual(spanOf(EXPECTED, expected));
    }
    await expectAnchoredIn(EXPECTED);
    expect(result.sources[0]).toMatchObject({ id: sourceId, name: 'Lena', replacements: 10, segments: 9, kept: 9, broken: [] });
    expect(result.totals).toMatchObject({ sources: 1, changedSources: 1, replacements: 10, segments: 9, kept: 9, broken: 0 });
    expect(result.blocked).toBe(false);
  });

  it('moves turns with the text and replaces their speaker labels', async () => {
    await dropBroken();
    const before = await getSource(env.ctx, { project: 'Studie A', source: sourceId });
    await applyPseudonyms(env.ctx, { project: 'Studie A' });
    const after = await getSource(env.ctx, { project: 'Studie A', source: sourceId });
    const index = new CodePointIndex(after.text);
    expect(after.turns.map((t) => t.speaker)).toEqual(['I', 'Lena', 'Nils-Åke']);
    expect(after.turns.map((t) => t.id)).toEqual(before.turns.map((t) => t.id));
    for (const t of after.turns) {
      const turnText = index.slice(t.start, t.end);
      expect(turnText.startsWith(`${t.speaker}:`)).toBe(true);
      expect(EXPECTED.split('\n')).toContain(turnText);
    }
  });

  it('records how often each entry was replaced in the source', async () => {
    await dropBroken();
    const result = await applyPseudonyms(env.ctx, { project: 'Studie A' });
    expect(Object.fromEntries(result.entries.map((e) => [e.fictive, e.replaced]))).toEqual({
      Lena: 3,
      'Nils-Åke': 2,
      '[kommun X]': 2,
      '[stadsdel Y]': 3,
    });
    const uses = await env.store.db.selectFrom('pseudonym_uses').selectAll().execute();
    expect(uses.every((u) => u.source_id === sourceId)).toBe(true);
    expect(uses.map((u) => u.count).sort()).toEqual([2, 2, 3, 3]);
  });

  it('replaces the real forms in memos, names, descriptions and attribute values too', async () => {
    await dropBroken();
    const result = await applyPseudonyms(env.ctx, { project: 'Studie A' });
    const db = env.store.db;
    const segment = await db
      .selectFrom('segments')
      .select('memo')
      .where('id', '=', segmentIds['varje vecka'] as string)
      .executeTakeFirstOrThrow();
    expect(segment.memo).toBe('Lena och Nils-Åke säger detta');
    const memos = await db.selectFrom('memos').select(['title', 'body']).execute();
    expect(memos).toEqual([{ title: 'Om Nils-Åke och Lena', body: 'Nils-Åke och Lena i [kommun X]' }]);
    const cases = await listCases(env.ctx, { project: 'Studie A' });
    expect(cases.cases[0]).toMatchObject({ name: 'Lena', attributes: { stadsdel: '[stadsdel Y]', kommun: '[kommun X]' } });
    const kommun = await db.selectFrom('attributes').select('choices').where('name', '=', 'kommun').executeTakeFirstOrThrow();
    expect(JSON.parse(kommun.choices)).toEqual(['[kommun X]', 'Annan']);
    const c = await db.selectFrom('cases').select('description').executeTakeFirstOrThrow();
    expect(c.description).toBe('Lena leder teamet i [stadsdel Y]');
    const source = await db.selectFrom('sources').select(['name', 'original_name']).executeTakeFirstOrThrow();
    expect(source).toEqual({ name: 'Lena', original_name: 'Lena.txt' });
    const code = await db.selectFrom('codes').select('name').executeTakeFirstOrThrow();
    expect(code.name).toBe('[stadsdel Y]-frågor');
    expect(result.totals).toMatchObject({ memos: 1, cases: 1, codes: 1, attributeValues: 2 });
  });

  it('deletes the originals, the undo history, and leaves no real form anywhere in the database file', async () => {
    await dropBroken();
    const all = await storeBytes();
    expect(REAL.every((r) => occurrences(all, r) > 0)).toBe(true);
    const result = await applyPseudonyms(env.ctx, { project: 'Studie A' });
    expect(result.originals).toEqual({ deleted: 1, kept: 0 });
    expect(result.historyEntriesDeleted).toBeGreaterThan(5);
    expect(result.compacted).toBe(true);
    const source = await env.store.db.selectFrom('sources').select(['id', 'original_deleted_at']).executeTakeFirstOrThrow();
    expect(await readOriginal(env.store.db, source.id)).toBeNull();
    expect(source.original_deleted_at).not.toBeNull();
    expect((await kodaError(undo(env.ctx, { project: 'Studie A' }))).code).toBe('history.nothing-to-undo');
    const bytes = await storeBytes();
    for (const real of REAL) expect({ real, hits: occurrences(bytes, real) }).toEqual({ real, hits: 0 });
    expect(occurrences(bytes, 'Nils-Åke')).toBeGreaterThan(0);
  });

  it('keeps the originals when asked, and says so', async () => {
    await dropBroken();
    const result = await applyPseudonyms(env.ctx, { project: 'Studie A', keepOriginals: true });
    expect(result.originals).toEqual({ deleted: 0, kept: 1 });
    const source = await env.store.db.selectFrom('sources').select(['id', 'original_deleted_at']).executeTakeFirstOrThrow();
    expect(Buffer.from((await readOriginal(env.store.db, source.id)) as Uint8Array).toString('utf8')).toBe(TEXT);
    expect(source.original_deleted_at).toBeNull();
  });

  it('writes one audit event with counts and no names, and no history entry', async () => {
    await dropBroken();
    await applyPseudonyms(env.ctx, { project: 'Studie A' });
    const audits = await env.store.db.selectFrom('audit_events').selectAll().where('action', '=', 'pseudonym.apply').execute();
    expect(audits).toHaveLength(1);
    const details = JSON.parse(audits[0]?.details as string) as Record<string, unknown>;
    expect(details).toMatchObject({ entries: 4, replacements: 10, segments: 9, kept: 9, originalsDeleted: 1 });
    expect(Object.values(details).every((v) => typeof v === 'number' || typeof v === 'boolean')).toBe(true);
    const all = JSON.stringify(await env.store.db.selectFrom('audit_events').selectAll().execute());
    for (const form of [...REAL, 'Lena', 'Nils-Åke', 'stadsdel Y']) expect(all).not.toContain(form);
    expect(await env.store.db.selectFrom('history_entries').selectAll().execute()).toEqual([]);
  });

  it('refuses, changing nothing, when a segment has an edge inside a name', async () => {
    const before = await dumpTables(env.store);
    const err = await expectRefused(
      env.store,
      () => applyPseudonyms(env.ctx, { project: 'Studie A' }),
      'pseudonym.broken-segments',
    );
    expect(err.params).toEqual({ count: 2 });
    expect(await dumpTables(env.store)).toEqual(before);
  });

  it('lists the segments that cannot be kept in a dry run, changing nothing', async () => {
    const before = await dumpTables(env.store);
    const history = await env.store.db.selectFrom('history_entries').select('id').execute();
    const report = await applyPseudonyms(env.ctx, { project: 'Studie A', dryRun: true });
    expect(report).toMatchObject({
      dryRun: true,
      blocked: true,
      compacted: false,
      totals: { replacements: 10, segments: 11, kept: 9, broken: 2 },
    });
    const broken = report.sources[0]?.broken ?? [];
    expect(broken.map((b) => b.id).sort()).toEqual(
      Object.keys(BROKEN)
        .map((q) => segmentIds[q])
        .sort(),
    );
    const albin = broken.find((b) => b.id === segmentIds['Albin: Kerst']);
    expect(albin).toMatchObject({
      ...spanOf(TEXT, 'Albin: Kerst'),
      newStart: spanOf(EXPECTED, BROKEN['Albin: Kerst'] as string).start,
    });
    expect(await dumpTables(env.store)).toEqual(before);
    expect(await env.store.db.selectFrom('history_entries').select('id').execute()).toEqual(history);
  });

  it('widens such segments to the whole fictive form when asked, and lists them', async () => {
    const result = await applyPseudonyms(env.ctx, { project: 'Studie A', widen: true });
    expect(result.totals).toMatchObject({ segments: 11, kept: 9, broken: 2, merged: 1 });
    const rows = await segmentRows();
    const albin = rows.find((r) => r.id === segmentIds['Albin: Kerst']);
    expect(albin?.exact).toBe('Nils-Åke: Lena');
    expect({ start: albin?.start_offset, end: albin?.end_offset }).toEqual(spanOf(EXPECTED, 'Nils-Åke: Lena'));
    const listed = result.sources[0]?.broken ?? [];
    expect(listed).toEqual([
      {
        id: segmentIds['Albin: Kerst'],
        ...spanOf(TEXT, 'Albin: Kerst'),
        newStart: albin?.start_offset,
        newEnd: albin?.end_offset,
      },
      {
        id: segmentIds['ammarkullens skola'],
        ...spanOf(TEXT, 'ammarkullens skola'),
        ...(({ start, end }) => ({ newStart: start, newEnd: end }))(spanOf(EXPECTED, '[stadsdel Y]s skola')),
        mergedInto: segmentIds['Hammarkullens skola'],
      },
    ]);
    // Widened onto the same words as a segment of the same code and coder: merged into it.
    expect(rows.find((r) => r.id === segmentIds['ammarkullens skola'])).toBeUndefined();
    for (const [quote, expected] of Object.entries(KEPT))
      expect(rows.find((r) => r.id === segmentIds[quote])?.exact).toBe(expected);
    await expectAnchoredIn(EXPECTED);
  });

  it('moves segments onto places that other segments of the same code leave', async () => {
    const ctx = env.ctx;
    await createProject(ctx, { name: 'B' });
    const text = 'Albin: abcdefghijkl';
    const s = await importSource(ctx, { project: 'B', fileName: 'b.txt', bytes: utf8(text) });
    await addCode(ctx, { project: 'B', name: 'kod' });
    // Albin → Nils-Åke moves everything after it three places on: 'abcd' lands where 'defg' was.
    const a = await applyCoding(ctx, { project: 'B', source: s.id, code: 'kod', ...spanOf(text, 'abcd') });
    const b = await applyCoding(ctx, { project: 'B', source: s.id, code: 'kod', ...spanOf(text, 'defg') });
    await addPseudonym(ctx, { project: 'B', real: 'Albin', fictive: 'Nils-Åke' });
    await applyPseudonyms(ctx, { project: 'B' });
    const rows = await env.store.db
      .selectFrom('segments')
      .select(['id', 'start_offset', 'end_offset', 'exact'])
      .where('source_id', '=', s.id)
      .execute();
    expect(rows.find((r) => r.id === a.id)).toMatchObject({ start_offset: 10, end_offset: 14, exact: 'abcd' });
    expect(rows.find((r) => r.id === b.id)).toMatchObject({ start_offset: 13, end_offset: 17, exact: 'defg' });
  });

  it('changes nothing more when applied again', async () => {
    await dropBroken();
    await applyPseudonyms(env.ctx, { project: 'Studie A' });
    const once = await dumpTables(env.store);
    const again = await applyPseudonyms(env.ctx, { project: 'Studie A' });
    expect(again.totals.replacements).toBe(0);
    expect(await dumpTables(env.store)).toEqual(once);
  });

  it('needs the key’s secret, and refuses a wrong one', async () => {
    const before = await dumpTables(env.store);
    const ctx = { ...env.ctx, pseudonymSecret: undefined };
    expect((await kodaError(applyPseudonyms(ctx, { project: 'Studie A', widen: true }))).code).toBe('pseudonym.secret-required');
    const wrong = { ...env.ctx, pseudonymSecret: 'fel' };
    expect((await kodaError(applyPseudonyms(wrong, { project: 'Studie A', widen: true }))).code).toBe('pseudonym.wrong-secret');
    expect(await dumpTables(env.store)).toEqual(before);
  });

  it('keeps the key apart from the texts, encrypted: no real form in plaintext', async () => {
    const { key } = await env.store.db.selectFrom('pseudonym_keys').select('key').executeTakeFirstOrThrow();
    const projectId = (await env.store.db.selectFrom('projects').select('id').executeTakeFirstOrThrow()).id;
    expect((await PseudonymKey.open(env.store.db, projectId, SECRET)).entries.flatMap((e) => e.real)).toEqual(
      expect.arrayContaining(['Kerstin', 'Albin', 'Omega', 'Hammarkullen']),
    );
    for (const real of REAL) expect(occurrences(Buffer.from(key), real)).toBe(0);
  });

  it('refuses a project whose map is empty', async () => {
    await createProject(env.ctx, { name: 'Tom' });
    await expectRefused(env.store, () => applyPseudonyms(env.ctx, { project: 'Tom' }), 'pseudonym.map-empty');
  });

  it('refuses when two case names would become the same', async () => {
    await dropBroken();
    await addCase(env.ctx, { project: 'Studie A', name: 'Lena' });
    const err = await expectRefused(env.store, () => applyPseudonyms(env.ctx, { project: 'Studie A' }), 'pseudonym.name-taken');
    expect(err.params).toEqual({ name: 'Lena' });
  });
});
