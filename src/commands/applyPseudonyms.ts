import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { anchorColumns, anchorRange } from '../core/anchoring/anchor.js';
import type { TurnSpan } from '../core/anchoring/turnHolding.js';
import { sameName } from '../core/codebook/tree.js';
import { conflict } from '../core/errors.js';
import { type MappedRange, OffsetMap } from '../core/pseudonyms/offsetMap.js';
import { applyReplacements, countByEntry, PseudonymMatcher } from '../core/pseudonyms/replace.js';
import { CodePointIndex, codePointRange } from '../core/text/codePoints.js';
import type { Db } from '../store/db.js';
import { newId, nowIso } from '../store/ids.js';
import { deleteOriginals } from '../store/originals.js';
import { adoptKeyFiles, PseudonymKey } from '../store/pseudonymKey.js';
import type { ProjectRow } from '../store/schema.js';
import { syncSearchIndex } from '../store/searchIndex.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { indexOffThread } from './helpers/indexOffThread.js';
import { leaveNoCopies } from './helpers/leaveNoCopies.js';
import { entryRows, joinMap } from './helpers/pseudonymMap.js';
import { resolveProject } from './helpers/resolve.js';
import { pseudonymiseDecisions } from './helpers/suggestions.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** Widen segments with an edge inside a replaced name to the whole fictive form (else refuse). */
  widen: z.boolean().default(false),
  /** Keep the uploaded original files, which still hold the real names. */
  keepOriginals: z.boolean().default(false),
  /** Report what applying would do, changing nothing. */
  dryRun: z.boolean().default(false),
});

/** A segment that cannot stay on the same words: an edge falls strictly inside a replaced name. */
export interface BrokenSegment {
  id: string;
  /** Its offsets before. */
  start: number;
  end: number;
  /** The offsets it is widened to (with `widen`): the whole fictive form. */
  newStart: number;
  newEnd: number;
  /**
   * Widened, it would be the same code on the same words by the same coder as this segment: it
   * is merged into it (its memo appended, memos on it moved) instead of kept twice.
   */
  mergedInto?: string;
}

export interface SourceReport {
  id: string;
  /** The source's name after replacement. */
  name: string;
  replacements: number;
  segments: number;
  /** Segments on the same words as before (their offsets may have shifted). */
  kept: number;
  broken: BrokenSegment[];
}

/**
 * Applies the pseudonym map to the whole project: every source's text is rewritten with the
 * fictive forms (core/pseudonyms/replace.ts says what matches), and everything that refers to
 * the text follows it: turns and segments are re-anchored through the offset map, and each
 * segment's quote selector and turn are recomputed from the new text. A segment with an edge
 * strictly inside a name cannot be kept on the same words: the command is refused (changing
 * nothing) unless `widen`, which widens it to the whole fictive form and lists it. The real
 * forms are also replaced in segment memos, memos, case, source and code names and
 * descriptions, speaker labels, text and choice attribute values, and the project description.
 *
 * Not undoable, by design: undoing would put the real names back. For the same reason the
 * project's history entries are deleted (they hold copies of rows as they were before, real
 * names included), the uploaded originals are dropped unless `keepOriginals`, and afterwards
 * the store is compacted (WAL checkpoint and VACUUM) so no freed page or old WAL frame keeps
 * the old text. The audit event holds counts only, never a name.
 */
export async function applyPseudonyms(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  await adoptKeyFiles(ctx.store);
  const spec = { action: 'pseudonym.apply' as const, projectId: project.id, dryRun: args.dryRun };
  const result = await runCommand(ctx, spec, async (w) => {
    const key = await PseudonymKey.open(w.trx, project.id, ctx.pseudonymSecret);
    return applyInProject(w.trx, project, key, args);
  });
  if (!args.dryRun) {
    await syncSearchIndex(ctx.store.db, project.id, { refreshOnly: true, optimize: true, ...indexOffThread(ctx.store) });
    await leaveNoCopies(ctx.store);
    result.compacted = true;
  }
  return result;
}

/**
 * Inside the command: rewrites the sources, then (unless segments would break without `widen`)
 * the project's other texts, drops the originals and the history; returns the report.
 * Writes go straight to the transaction, not through the recorder: nothing here may be undone.
 */
async function applyInProject(db: Db, project: ProjectRow, key: PseudonymKey, args: z.output<typeof Input>) {
  const mappings = joinMap(await entryRows(db, project.id), key);
  if (mappings.length === 0) throw conflict('pseudonym.map-empty', { project: project.name });
  const matcher = new PseudonymMatcher(mappings);
  const now = nowIso();
  const { sources, uses } = await rewriteSources(db, project.id, matcher);
  const broken = sources.reduce((n, s) => n + s.broken.length, 0);
  if (broken > 0 && !args.widen && !args.dryRun) throw conflict('pseudonym.broken-segments', { count: broken });

  const renamed = await rewriteProjectTexts(db, project.id, matcher, now);
  const originals = await dropOriginals(db, project.id, args.keepOriginals, now);
  const history = await db.deleteFrom('history_entries').where('project_id', '=', project.id).executeTakeFirst();

  const replacedBy = usesByEntry(uses);
  const totals = { ...sourceTotals(sources), ...renamed };
  const report = {
    dryRun: args.dryRun,
    widen: args.widen,
    /** True when segments cannot be kept and `widen` was not given: applying would be refused. */
    blocked: broken > 0 && !args.widen,
    entries: mappings.map((m) => ({ id: m.id, fictive: m.fictive, replaced: replacedBy.get(m.id) ?? 0 })),
    sources,
    totals,
    /** Uploaded originals removed (they hold the real names), and those kept on request. */
    originals,
    historyEntriesDeleted: Number(history.numDeletedRows),
    compacted: false,
  };
  return {
    result: report,
    objectIds: [project.id, ...sources.filter((s) => s.replacements > 0).map((s) => s.id)],
    details: {
      entries: mappings.length,
      ...totals,
      widened: args.widen ? broken : 0,
      originalsDeleted: originals.deleted,
      historyEntriesDeleted: report.historyEntriesDeleted,
    },
  };
}

/**
 * Rewrites every source (oldest first) and its name, and records each entry's uses per source;
 * returns the sources' reports and those uses, keyed `entryId sourceId`.
 */
async function rewriteSources(db: Db, projectId: string, matcher: PseudonymMatcher) {
  const sourceRows = await db
    .selectFrom('sources')
    .select(['id', 'name', 'original_name'])
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  // Source names come from file names (`kerstin_intervju`): matched ignoring case.
  const newNames = sourceRows.map((s) => matcher.replace(s.name, { ignoreCase: true }));
  refuseClashes(
    sourceRows.map((s) => s.name),
    newNames,
    (a, b) => a === b,
  );
  const sources: SourceReport[] = [];
  const uses = new Map<string, number>();
  for (const [i, s] of sourceRows.entries()) {
    const { report, counts } = await rewriteSource(db, s.id, matcher);
    const name = newNames[i] as string;
    await db
      .updateTable('sources')
      .set({ name, original_name: matcher.replace(s.original_name, { ignoreCase: true }) })
      .where('id', '=', s.id)
      .execute();
    sources.push({ ...report, name });
    for (const [entryId, n] of counts) uses.set(`${entryId} ${s.id}`, n);
  }
  await recordUses(db, uses);
  return { sources, uses };
}

/** Replacements per entry, over all sources. */
function usesByEntry(uses: Map<string, number>): Map<string, number> {
  const replacedBy = new Map<string, number>();
  for (const [k, n] of uses) {
    const entryId = k.split(' ')[0] as string;
    replacedBy.set(entryId, (replacedBy.get(entryId) ?? 0) + n);
  }
  return replacedBy;
}

/** The sources' counts summed for the report. */
function sourceTotals(sources: SourceReport[]) {
  return {
    sources: sources.length,
    changedSources: sources.filter((s) => s.replacements > 0).length,
    replacements: sources.reduce((n, s) => n + s.replacements, 0),
    segments: sources.reduce((n, s) => n + s.segments, 0),
    kept: sources.reduce((n, s) => n + s.kept, 0),
    broken: sources.reduce((n, s) => n + s.broken.length, 0),
    merged: sources.reduce((n, s) => n + s.broken.filter((b) => b.mergedInto).length, 0),
  };
}

interface SourceSegment {
  id: string;
  code_id: string;
  coder_id: string;
  start_offset: number;
  end_offset: number;
  memo: string;
}

interface SourceTurn {
  id: string;
  start_offset: number;
  end_offset: number;
  speaker: string | null;
}

/** The source's text after replacement, and how its old offsets map onto it. */
interface Rewrite {
  matcher: PseudonymMatcher;
  map: OffsetMap;
  next: CodePointIndex;
  turnSpans: TurnSpan[];
}

/** Rewrites one source's text and re-anchors its turns and segments; memos of segments too. */
async function rewriteSource(db: Db, sourceId: string, matcher: PseudonymMatcher) {
  const { text } = await db.selectFrom('sources').select('text').where('id', '=', sourceId).executeTakeFirstOrThrow();
  const old = new CodePointIndex(text);
  const replacements = matcher.find(text, old);
  const segments = await db
    .selectFrom('segments')
    .select(['id', 'code_id', 'coder_id', 'start_offset', 'end_offset', 'memo'])
    .where('source_id', '=', sourceId)
    .orderBy('start_offset')
    .orderBy('id')
    .execute();
  const report = { id: sourceId, replacements: replacements.length, segments: segments.length };
  const turns = await db
    .selectFrom('turns')
    .select(['id', 'start_offset', 'end_offset', 'speaker'])
    .where('source_id', '=', sourceId)
    .execute();
  if (replacements.length === 0) {
    await rewriteLabelsAndMemos(db, turns, segments, matcher);
    return { report: { ...report, kept: segments.length, broken: [] }, counts: new Map<string, number>() };
  }
  const newText = applyReplacements(text, replacements, old);
  const next = new CodePointIndex(newText);
  const map = new OffsetMap(replacements.map((r) => ({ start: r.start, end: r.end, length: r.fictiveLength })));
  const turnSpans = await moveTurns(db, turns, map, matcher);
  const moved = await moveSegments(db, sourceId, segments, { matcher, map, next, turnSpans });
  await pseudonymiseDecisions(db, sourceId, map, (word) => matcher.replace(word, { ignoreCase: true }).toLowerCase());
  await db
    .updateTable('sources')
    .set({ text: newText, text_length: next.length, text_hash: createHash('sha256').update(newText).digest('hex') })
    .where('id', '=', sourceId)
    .execute();
  return { report: { ...report, ...moved }, counts: countByEntry(replacements) };
}

/** A text without real forms still gets them replaced in labels (subtitle voice tags) and segment memos. */
async function rewriteLabelsAndMemos(db: Db, turns: SourceTurn[], segments: SourceSegment[], matcher: PseudonymMatcher) {
  for (const t of turns) {
    const speaker = t.speaker === null ? null : matcher.replace(t.speaker);
    if (speaker !== t.speaker) await db.updateTable('turns').set({ speaker }).where('id', '=', t.id).execute();
  }
  for (const s of segments) {
    const memo = matcher.replace(s.memo);
    if (memo !== s.memo) await db.updateTable('segments').set({ memo }).where('id', '=', s.id).execute();
  }
}

/** Moves the turns onto the new text and renames their speakers; returns their new spans. */
async function moveTurns(db: Db, turns: SourceTurn[], map: OffsetMap, matcher: PseudonymMatcher): Promise<TurnSpan[]> {
  // Turns begin and end at line edges, so never inside a name; were one to, it widens.
  const newTurns = turns
    .map((t) => ({
      id: t.id,
      ...map.mapRange({ start: t.start_offset, end: t.end_offset }),
      speaker: t.speaker === null ? null : matcher.replace(t.speaker),
    }))
    .sort((a, b) => a.start - b.start);
  for (const t of newTurns) {
    await db
      .updateTable('turns')
      .set({ start_offset: t.start, end_offset: t.end, speaker: t.speaker })
      .where('id', '=', t.id)
      .execute();
  }
  return newTurns.map((t) => ({ id: t.id, ...codePointRange(t) }));
}

/** Moves the segments onto the new text; returns how many kept their words, and those that did not. */
async function moveSegments(db: Db, sourceId: string, segments: SourceSegment[], rewrite: Rewrite) {
  // A segment's new place may be another's old one (same code and coder: unique), so all are
  // first parked on negative offsets, distinct since negation is one-to-one.
  await db
    .updateTable('segments')
    .set({ start_offset: sql`-1 - start_offset`, end_offset: sql`-1 - end_offset` })
    .where('source_id', '=', sourceId)
    .execute();
  // Kept segments keep distinct places (the map is increasing outside names); widened ones come
  // last, and one that lands on a twin is merged into it.
  const planned = segments
    .map((s) => ({ s, range: rewrite.map.mapRange({ start: s.start_offset, end: s.end_offset }) }))
    .sort((a, b) => Number(b.range.kept) - Number(a.range.kept));
  const placed = new Map<string, Twin>();
  let kept = 0;
  const broken: BrokenSegment[] = [];
  for (const { s, range } of planned) {
    const memo = rewrite.matcher.replace(s.memo);
    const place = `${s.code_id} ${s.coder_id} ${range.start} ${range.end}`;
    const twin = placed.get(place);
    if (range.kept) kept++;
    else {
      const moved = { id: s.id, start: s.start_offset, end: s.end_offset, newStart: range.start, newEnd: range.end };
      broken.push(twin ? { ...moved, mergedInto: twin.id } : moved);
    }
    if (twin) await mergeIntoTwin(db, s.id, memo, twin);
    else {
      placed.set(place, { id: s.id, memo });
      await placeSegment(db, s.id, range, memo, rewrite);
    }
  }
  broken.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  return { kept, broken };
}

/** A segment already placed on some words, with its memo as it now stands. */
interface Twin {
  id: string;
  memo: string;
}

/** Merges a widened segment into its twin: its memo appended, memos and theory links on it moved, it deleted. */
async function mergeIntoTwin(db: Db, segmentId: string, memo: string, twin: Twin) {
  if (memo !== '' && memo !== twin.memo) {
    twin.memo = twin.memo === '' ? memo : `${twin.memo}\n\n${memo}`;
    await db.updateTable('segments').set({ memo: twin.memo }).where('id', '=', twin.id).execute();
  }
  await db
    .updateTable('memos')
    .set({ target_id: twin.id })
    .where('target_kind', '=', 'segment')
    .where('target_id', '=', segmentId)
    .execute();
  // Its theory links go to the twin too; a concept linked to both keeps the twin's.
  const held = db
    .selectFrom('theory_links')
    .select('concept_id')
    .where('target_kind', '=', 'segment')
    .where('target_id', '=', twin.id);
  await db
    .deleteFrom('theory_links')
    .where('target_kind', '=', 'segment')
    .where('target_id', '=', segmentId)
    .where('concept_id', 'in', held)
    .execute();
  await db
    .updateTable('theory_links')
    .set({ target_id: twin.id })
    .where('target_kind', '=', 'segment')
    .where('target_id', '=', segmentId)
    .execute();
  await db.deleteFrom('segments').where('id', '=', segmentId).execute();
}

/** Writes a segment's new offsets, its anchor recomputed from the new text, and its memo. */
async function placeSegment(db: Db, segmentId: string, range: MappedRange, memo: string, rewrite: Rewrite) {
  const anchor = anchorRange(rewrite.next, codePointRange(range), rewrite.turnSpans);
  await db
    .updateTable('segments')
    .set({
      start_offset: range.start,
      end_offset: range.end,
      ...anchorColumns(anchor),
      memo,
    })
    .where('id', '=', segmentId)
    .execute();
}

/** Adds this application's counts to the entries' uses per source (a withdrawal reads them). */
async function recordUses(db: Db, uses: Map<string, number>) {
  for (const [k, count] of uses) {
    const [entryId, sourceId] = k.split(' ') as [string, string];
    const row = await db
      .selectFrom('pseudonym_uses')
      .select(['id', 'count'])
      .where('entry_id', '=', entryId)
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    if (row)
      await db
        .updateTable('pseudonym_uses')
        .set({ count: row.count + count })
        .where('id', '=', row.id)
        .execute();
    else await db.insertInto('pseudonym_uses').values({ id: newId(), entry_id: entryId, source_id: sourceId, count }).execute();
  }
}

/** Replaces real forms in the project's other texts; returns how many rows changed, by kind. */
async function rewriteProjectTexts(db: Db, projectId: string, matcher: PseudonymMatcher, now: string) {
  const r = (s: string) => matcher.replace(s);
  const memos = await rewriteMemos(db, projectId, r, now);
  const cases = await rewriteCases(db, projectId, r);
  const codes = await rewriteCodes(db, projectId, r);
  const attributeValues = await rewriteAttributeValues(db, projectId, r);
  const project = await db.selectFrom('projects').select('description').where('id', '=', projectId).executeTakeFirstOrThrow();
  const description = r(project.description);
  if (description !== project.description)
    await db.updateTable('projects').set({ description }).where('id', '=', projectId).execute();
  return { memos, cases, codes, attributeValues };
}

type Replace = (s: string) => string;

/** Memo titles and bodies; returns how many memos changed. */
async function rewriteMemos(db: Db, projectId: string, r: Replace, now: string): Promise<number> {
  const memos = await db.selectFrom('memos').select(['id', 'title', 'body']).where('project_id', '=', projectId).execute();
  let count = 0;
  for (const m of memos) {
    const title = r(m.title);
    const body = r(m.body);
    if (title === m.title && body === m.body) continue;
    await db.updateTable('memos').set({ title, body, updated_at: now }).where('id', '=', m.id).execute();
    count++;
  }
  return count;
}

/** Case names (refused if two would clash) and descriptions; returns how many cases changed. */
async function rewriteCases(db: Db, projectId: string, r: Replace): Promise<number> {
  const cases = await db.selectFrom('cases').select(['id', 'name', 'description']).where('project_id', '=', projectId).execute();
  const caseNames = cases.map((c) => r(c.name));
  refuseClashes(
    cases.map((c) => c.name),
    caseNames,
    (a, b) => a === b,
  );
  let count = 0;
  for (const [i, c] of cases.entries()) {
    const name = caseNames[i] as string;
    const description = r(c.description);
    if (name === c.name && description === c.description) continue;
    await db.updateTable('cases').set({ name, description }).where('id', '=', c.id).execute();
    count++;
  }
  return count;
}

/** Code names (refused if two siblings would clash) and descriptions; returns how many codes changed. */
async function rewriteCodes(db: Db, projectId: string, r: Replace): Promise<number> {
  const codes = await db
    .selectFrom('codes')
    .select(['id', 'parent_id', 'name', 'description'])
    .where('project_id', '=', projectId)
    .execute();
  const byParent = new Map<string | null, string[]>();
  for (const c of codes) byParent.set(c.parent_id, [...(byParent.get(c.parent_id) ?? []), c.name]);
  for (const siblings of byParent.values()) refuseClashes(siblings, siblings.map(r), sameName);
  let count = 0;
  for (const c of codes) {
    const name = r(c.name);
    const description = r(c.description);
    if (name === c.name && description === c.description) continue;
    await db.updateTable('codes').set({ name, description }).where('id', '=', c.id).execute();
    count++;
  }
  return count;
}

/** Choices and values of text and choice attributes; returns how many values changed. */
async function rewriteAttributeValues(db: Db, projectId: string, r: Replace): Promise<number> {
  const attributes = await db
    .selectFrom('attributes')
    .select(['id', 'type', 'choices'])
    .where('project_id', '=', projectId)
    .where('type', 'in', ['text', 'choice'])
    .execute();
  let count = 0;
  for (const a of attributes) {
    const choices = JSON.parse(a.choices) as string[];
    const newChoices = [...new Set(choices.map(r))];
    if (JSON.stringify(newChoices) !== a.choices)
      await db
        .updateTable('attributes')
        .set({ choices: JSON.stringify(newChoices) })
        .where('id', '=', a.id)
        .execute();
    const values = await db.selectFrom('attribute_values').select(['id', 'value']).where('attribute_id', '=', a.id).execute();
    for (const v of values) {
      const value = r(v.value);
      if (value === v.value) continue;
      await db.updateTable('attribute_values').set({ value }).where('id', '=', v.id).execute();
      count++;
    }
  }
  return count;
}

/** Refuses when two things that must have different names would share one after replacement. */
function refuseClashes(before: readonly string[], after: readonly string[], same: (a: string, b: string) => boolean) {
  for (let i = 0; i < after.length; i++) {
    if (after[i] === before[i]) continue;
    for (let j = 0; j < after.length; j++) {
      if (j !== i && same(after[i] as string, after[j] as string))
        throw conflict('pseudonym.name-taken', { name: after[i] as string });
    }
  }
}

/** Removes the uploaded originals (they hold the real names) unless they are to be kept. */
async function dropOriginals(db: Db, projectId: string, keep: boolean, now: string) {
  const kept = await db
    .selectFrom('sources')
    .select('id')
    .where('project_id', '=', projectId)
    .where((eb) => eb.exists(eb.selectFrom('original_pieces as o').select('o.id').whereRef('o.source_id', '=', 'sources.id')))
    .execute();
  const ids = kept.map((s) => s.id);
  if (keep || ids.length === 0) return { deleted: 0, kept: ids.length };
  await deleteOriginals(db, ids);
  await db.updateTable('sources').set({ original_deleted_at: now }).where('id', 'in', ids).execute();
  return { deleted: ids.length, kept: 0 };
}
