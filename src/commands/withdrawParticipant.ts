import { createHash } from 'node:crypto';
import { z } from 'zod';
import { quoteAt } from '../core/anchoring/quoteSelector.js';
import { CodePointIndex, codePointRange } from '../core/text/codePoints.js';
import { cutRanges } from '../core/text/cutRanges.js';
import type { ChangeRecorder } from '../store/changes.js';
import { nowIso } from '../store/ids.js';
import { deleteOriginals } from '../store/originals.js';
import { adoptKeyFiles, PseudonymKey } from '../store/pseudonymKey.js';
import { syncSearchIndex } from '../store/searchIndex.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { eraseCaseRecord, memosOn, removeSources, sourcesOf } from './helpers/erase.js';
import { indexOffThread } from './helpers/indexOffThread.js';
import { leaveNoCopies } from './helpers/leaveNoCopies.js';
import { eraseRecordingsOf } from './helpers/recordings.js';
import { resolveCase, resolveProject } from './helpers/resolve.js';
import { cutDecisions } from './helpers/suggestions.js';
import { unlinkTheory } from './helpers/theory.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  case: z.string(),
  /** Report what would be erased, erasing nothing. */
  dryRun: z.boolean().default(false),
});

/**
 * A participant withdraws: everything of theirs is erased, not hidden. Their sources with turns,
 * segments, memos and recordings; their turns in group interviews (cut out of the text, the rest re-anchored);
 * attribute values, memos, consent record and signed form; pseudonym entries only their material
 * used. The project's undo history goes too, since it may hold copies, and the store is compacted
 * so no freed page keeps the text. Not undoable, by design. The audit event keeps ids and counts,
 * never a name.
 */
export async function withdrawParticipant(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  await adoptKeyFiles(ctx.store);
  const spec = { action: 'case.withdraw' as const, projectId: project.id, dryRun: args.dryRun };
  const result = await runCommand(ctx, spec, async (w) => {
    const c = await resolveCase(w.trx, project.id, args.case);
    const sourceIds = await sourcesOf(w, c.id);
    const entries = await dropPseudonymUses(w, sourceIds);
    const removed = await removeSources(w, sourceIds);
    const groupTurns = await cutGroupTurns(w, c.id);
    const consent = await w.trx.selectFrom('consent_records').select('id').where('case_id', '=', c.id).execute();
    await w.delete(
      'consent_records',
      consent.map((r) => r.id),
    );
    const files = await w.trx.selectFrom('attachments').select('id').where('case_id', '=', c.id).execute();
    await w.delete(
      'attachments',
      files.map((f) => f.id),
    );
    const erased = await eraseCaseRecord(w, c.id);
    // A dry run does not need the key's secret: it only counts the entries that would go.
    if (!args.dryRun) await forgetPseudonyms(w, project.id, entries, ctx.pseudonymSecret);
    await w.trx.deleteFrom('history_entries').where('project_id', '=', project.id).execute();
    const details = {
      sources: sourceIds.length,
      segments: removed.segments + groupTurns.segments,
      turns: removed.turns + groupTurns.turns,
      memos: removed.memos + erased.memos,
      attributeValues: erased.attributeValues,
      consentRecords: consent.length,
      attachments: files.length,
      // A group interview's recording holds the participant's voice: it goes too.
      recordings: removed.recordings + groupTurns.recordings,
      pseudonymEntries: entries.length,
    };
    return { result: { id: c.id, name: c.name, ...details }, objectIds: [c.id, ...sourceIds], details };
  });
  // The search index holds the participant's words too: drop them and merge the index, then compact.
  if (!args.dryRun)
    await syncSearchIndex(ctx.store.db, project.id, { refreshOnly: true, optimize: true, ...indexOffThread(ctx.store) });
  if (!args.dryRun) await leaveNoCopies(ctx.store);
  return result;
}

/** Deletes the pseudonym uses of the withdrawn sources; returns entries no other source uses. */
async function dropPseudonymUses(w: ChangeRecorder, sourceIds: string[]): Promise<string[]> {
  if (sourceIds.length === 0) return [];
  const uses = await w.trx.selectFrom('pseudonym_uses').select(['id', 'entry_id']).where('source_id', 'in', sourceIds).execute();
  await w.delete(
    'pseudonym_uses',
    uses.map((u) => u.id),
  );
  const entryIds = [...new Set(uses.map((u) => u.entry_id))];
  if (entryIds.length === 0) return [];
  const stillUsed = new Set(
    (await w.trx.selectFrom('pseudonym_uses').select('entry_id').where('entry_id', 'in', entryIds).execute()).map(
      (u) => u.entry_id,
    ),
  );
  const orphans = entryIds.filter((id) => !stillUsed.has(id));
  await w.delete('pseudonym_entries', orphans);
  return orphans;
}

/** The real forms of dropped entries leave the key too (this needs the key's secret). */
async function forgetPseudonyms(w: ChangeRecorder, projectId: string, entryIds: string[], secret: string | undefined) {
  if (entryIds.length === 0 || !(await PseudonymKey.exists(w.trx, projectId))) return;
  const key = await PseudonymKey.open(w.trx, projectId, secret);
  key.drop(entryIds);
  await key.save(w);
}

/** Cuts the participant's turns out of group interviews, re-anchoring what remains. */
async function cutGroupTurns(w: ChangeRecorder, caseId: string) {
  const spoken = await w.trx.selectFrom('turns').select(['id', 'source_id']).where('case_id', '=', caseId).execute();
  let segments = 0;
  let recordings = 0;
  for (const sourceId of new Set(spoken.map((t) => t.source_id))) {
    segments += await cutTurnsOf(w, sourceId, caseId);
    recordings += await eraseRecordingsOf(w, [sourceId]);
  }
  return { turns: spoken.length, segments, recordings };
}

async function cutTurnsOf(w: ChangeRecorder, sourceId: string, caseId: string): Promise<number> {
  const source = await w.trx
    .selectFrom('sources')
    .select(['text', 'text_length'])
    .where('id', '=', sourceId)
    .executeTakeFirstOrThrow();
  const turns = await w.trx.selectFrom('turns').selectAll().where('source_id', '=', sourceId).orderBy('start_offset').execute();
  // A withdrawn turn goes with the blank lines after it, up to the next turn.
  const cuts = turns
    .map((t, i) => ({ turn: t, start: t.start_offset, end: turns[i + 1]?.start_offset ?? source.text_length }))
    .filter((c) => c.turn.case_id === caseId);
  const cut = cutRanges(source.text, cuts);
  const index = new CodePointIndex(cut.text);
  const segments = await w.trx.selectFrom('segments').selectAll().where('source_id', '=', sourceId).execute();
  const lost = segments.filter((s) => !cut.mapRange({ start: s.start_offset, end: s.end_offset }));
  await cutDecisions(w, sourceId, (r) => cut.mapRange(r));
  const lostIds = lost.map((s) => s.id);
  const lostMemos = await memosOn(w, 'segment', lostIds);
  await unlinkTheory(w, 'memo', lostMemos);
  await unlinkTheory(w, 'segment', lostIds);
  await w.delete('memos', lostMemos);
  await w.delete(
    'segments',
    lost.map((s) => s.id),
  );
  for (const s of segments) {
    const moved = cut.mapRange({ start: s.start_offset, end: s.end_offset });
    if (!moved) continue;
    // The exact text is unchanged: only the context around it can have gone.
    const { prefix, suffix } = quoteAt(index, codePointRange(moved));
    await w.update('segments', s.id, {
      start_offset: moved.start,
      end_offset: moved.end,
      prefix,
      suffix,
    });
  }
  await w.delete(
    'turns',
    cuts.map((c) => c.turn.id),
  );
  for (const t of turns) {
    const moved = t.case_id === caseId ? null : cut.mapRange({ start: t.start_offset, end: t.end_offset });
    if (moved) await w.update('turns', t.id, { start_offset: moved.start, end_offset: moved.end });
  }
  const hash = createHash('sha256').update(cut.text).digest('hex');
  // The uploaded original still holds the withdrawn words: it goes too.
  await deleteOriginals(w, [sourceId]);
  await w.update('sources', sourceId, {
    text: cut.text,
    text_length: index.length,
    text_hash: hash,
    original_deleted_at: nowIso(),
  });
  return lost.length;
}
