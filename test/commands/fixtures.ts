import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import { KodaError } from '../../src/core/errors.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import type { Store } from '../../src/store/db.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { fingerprintTables, utf8 } from '../helpers.js';

/** Every data table: the fingerprinted tables but `history_entries`, which undo and redo write. */
export async function dataTables(store: Store): Promise<string[]> {
  return (await fingerprintTables(store)).filter((table) => table !== 'history_entries');
}

/** The key of a table whose rows have no `id` of their own. */
const KEYS: Record<string, string[]> = { recording_chunks: ['recording_id', 'seq'] };

/** All rows of every data table (or of `tables`), sorted by key: a full picture to compare before and after. */
export async function dumpTables(store: Store, tables?: string[]): Promise<Record<string, Record<string, unknown>[]>> {
  const db = store.db as unknown as Kysely<any>;
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const table of tables ?? (await dataTables(store)))
    out[table] = await (KEYS[table] ?? ['id'])
      .reduce((q, column) => q.orderBy(column), db.selectFrom(table).selectAll())
      .execute();
  return out;
}

export async function auditCount(store: Store): Promise<number> {
  const row = await store.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The KodaError `promise` rejects with; fails the test on anything else. */
export async function kodaError(promise: Promise<unknown>): Promise<KodaError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${err === null ? 'success' : String(err)}`);
  return err;
}

/**
 * Runs `action`, expects it refused with `code`, and proves it changed nothing: every row of every
 * fingerprinted table (helpers.ts), history included, is as it was, and no audit event was added.
 */
export async function expectRefused(store: Store, action: () => Promise<unknown>, code: string): Promise<KodaError> {
  const before = await dumpTables(store, await fingerprintTables(store));
  const audits = await auditCount(store);
  const err = await kodaError(action());
  expect(err.code).toBe(code);
  expect(await dumpTables(store, await fingerprintTables(store))).toEqual(before);
  expect(await auditCount(store)).toBe(audits);
  return err;
}

/** `[start, end)` in code points of the first occurrence of `quote` in `text`. */
export function spanOf(text: string, quote: string): { start: number; end: number } {
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`quote not found: ${quote}`);
  const index = new CodePointIndex(text);
  return { start: index.toCodePoint(at), end: index.toCodePoint(at + quote.length) };
}

/** A group interview: text before the first turn, then I, Albin and Kristin; emoji before the coded words. */
export const TRANSCRIPT = [
  'Gruppintervju i stadsdel Y 😀',
  '',
  'I: Hur beskriver media området?',
  '',
  'Albin: Media ger en skev bild 👩🏽‍🔬 av området. Vi hinner inte svara.',
  '',
  'Kristin: Jag håller med Albin, det är tidsbrist.',
  '',
].join('\n');

export const QUOTES = {
  media: 'Media ger en skev bild',
  tidsbrist: 'Vi hinner inte svara',
  kristin: 'det är tidsbrist',
};

/**
 * A small study built through the commands: attributes, two cases, a group interview that is
 * Albin's source, a codebook (Hinder › media, tidsbrist › personal; Strategier › plan), codings
 * with memos, memos on the source, case and code, and one memo on a segment.
 */
export async function studyFixture(ctx: CommandContext) {
  const project = await createProject(ctx, { name: 'Omega', language: 'sv' });
  const p = project.id;
  const stadsdel = await defineAttribute(ctx, { project: p, name: 'stadsdel', type: 'choice', choices: ['Y', 'Z'] });
  const years = await defineAttribute(ctx, { project: p, name: 'år', type: 'number' });
  const albin = await addCase(ctx, { project: p, name: 'Albin', attributes: { stadsdel: 'Y', år: '12' } });
  const kristin = await addCase(ctx, { project: p, name: 'Kristin', attributes: { stadsdel: 'z' } });
  const source = await importSource(ctx, { project: p, fileName: 'grupp.txt', bytes: utf8(TRANSCRIPT), case: 'Albin' });
  const { text, turns } = await getSource(ctx, { project: p, source: source.id });
  const hinder = await addCode(ctx, { project: p, name: 'Hinder', color: '#d64541' });
  const media = await addCode(ctx, { project: p, name: 'media', parent: 'Hinder' });
  const tidsbrist = await addCode(ctx, { project: p, name: 'tidsbrist', parent: 'Hinder' });
  const personal = await addCode(ctx, { project: p, name: 'personal', parent: 'Hinder/tidsbrist' });
  const strategier = await addCode(ctx, { project: p, name: 'Strategier', color: '#f2c200' });
  const plan = await addCode(ctx, { project: p, name: 'plan', parent: 'Strategier' });
  const code = (code: string, quote: string, memo = '') =>
    applyCoding(ctx, { project: p, source: source.id, code, ...spanOf(text, quote), memo });
  const mediaSegment = await code('media', QUOTES.media, 'tydligt exempel');
  const tidsbristTwin = await code('tidsbrist', QUOTES.media, 'också tid');
  const tidsbristSegment = await code('tidsbrist', QUOTES.kristin);
  const sourceMemo = await writeMemo(ctx, {
    project: p,
    target: 'source',
    on: source.id,
    title: 'Om intervjun',
    body: 'Två deltagare',
  });
  const caseMemo = await writeMemo(ctx, { project: p, target: 'case', on: 'Albin', title: 'Om Albin', body: 'Chef' });
  const codeMemo = await writeMemo(ctx, {
    project: p,
    target: 'code',
    on: 'tidsbrist',
    title: 'Definition',
    body: 'Brist på tid',
  });
  const segmentMemoId = newId();
  await ctx.store.db
    .insertInto('memos')
    .values({
      id: segmentMemoId,
      project_id: p,
      target_kind: 'segment',
      target_id: mediaSegment.id,
      title: 'Segmentanteckning',
      body: 'Jämför med Kristin',
      created_at: nowIso(),
      updated_at: nowIso(),
    })
    .execute();
  return {
    p,
    text,
    turns,
    attributes: { stadsdel: stadsdel.id, years: years.id },
    cases: { albin: albin.id, kristin: kristin.id },
    source: source.id,
    codes: {
      hinder: hinder.id,
      media: media.id,
      tidsbrist: tidsbrist.id,
      personal: personal.id,
      strategier: strategier.id,
      plan: plan.id,
    },
    segments: { media: mediaSegment.id, tidsbristTwin: tidsbristTwin.id, tidsbrist: tidsbristSegment.id },
    memos: { source: sourceMemo.id, case: caseMemo.id, code: codeMemo.id, segment: segmentMemoId },
  };
}

export type Study = Awaited<ReturnType<typeof studyFixture>>;

type WordSpan = [from: string, to: string, code: string];

/**
 * For retrieval's order and pages: two sources of one line of twelve words whose names sort
 * apart from the order they were made in (ids are time-ordered), both of Kristin's, each coded
 * with the same spans: several start at one offset, of several codes, so the order's later keys
 * decide. `extra` spans go on both sources too.
 */
export async function codedInReadingOrder(ctx: CommandContext, s: Study, extra: WordSpan[] = []): Promise<void> {
  const words = 'ett två tre fyra fem sex sju åtta nio tio elva tolv';
  const spans: WordSpan[] = [
    ['fem', 'sex', 'media'],
    ['ett', 'tre', 'tidsbrist'],
    ['ett', 'två', 'plan'],
    ['ett', 'två', 'media'],
    ['nio', 'elva', 'personal'],
    ['ett', 'tre', 'personal'],
    ['fyra', 'tolv', 'Hinder'],
    ...extra,
  ];
  for (const name of ['ö-intervju', 'a-intervju']) {
    const text = `${words}\n`;
    const source = await importSource(ctx, { project: s.p, fileName: `${name}.txt`, bytes: utf8(text), case: 'Kristin' });
    const at = (word: string) => text.indexOf(word);
    for (const [from, to, code] of spans)
      await applyCoding(ctx, { project: s.p, source: source.id, code, start: at(from), end: at(to) + to.length });
  }
}

/** Strings of the study's content that must never reach the audit log. */
export const CONTENT = [
  QUOTES.media,
  QUOTES.tidsbrist,
  QUOTES.kristin,
  'Gruppintervju',
  'tydligt exempel',
  'också tid',
  'Om intervjun',
  'Två deltagare',
  'Brist på tid',
  'Albin',
  'Kristin',
];

/** Each parent's children as `name@position`, in position order: shows order and gaps at once. */
export async function codeTree(store: Store, projectId: string): Promise<Record<string, string[]>> {
  const codes = await store.db.selectFrom('codes').selectAll().where('project_id', '=', projectId).orderBy('position').execute();
  const nameOf = new Map(codes.map((c) => [c.id, c.name]));
  const out: Record<string, string[]> = {};
  for (const c of codes) {
    const parent = c.parent_id === null ? '(top)' : (nameOf.get(c.parent_id) ?? '?');
    out[parent] = [...(out[parent] ?? []), `${c.name}@${c.position}`];
  }
  return out;
}
