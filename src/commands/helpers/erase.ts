import type { ChangeRecorder } from '../../store/changes.js';
import { deleteOriginals } from '../../store/originals.js';
import { eraseRecordingsOf } from './recordings.js';
import { leaveSets } from './sets.js';
import { eraseDecisionsOfSources } from './suggestions.js';
import { unlinkTheory } from './theory.js';

/**
 * Removes sources with their segments, turns, the memos attached to any of them, theory links to
 * those segments and memos, their recordings (for good), and takes them out of their sets.
 */
export async function removeSources(w: ChangeRecorder, sourceIds: string[]) {
  if (sourceIds.length === 0) return { segments: 0, turns: 0, memos: 0, recordings: 0 };
  const segmentIds = (await w.trx.selectFrom('segments').select('id').where('source_id', 'in', sourceIds).execute()).map(
    (r) => r.id,
  );
  const turnIds = (await w.trx.selectFrom('turns').select('id').where('source_id', 'in', sourceIds).execute()).map((r) => r.id);
  const memoIds = await memosOn(w, 'source', sourceIds);
  const segmentMemoIds = await memosOn(w, 'segment', segmentIds);
  await removeInterviewLogs(w, sourceIds);
  // Suggestion decisions quote the sources' words.
  await eraseDecisionsOfSources(w, sourceIds);
  await unlinkTheory(w, 'segment', segmentIds);
  await unlinkTheory(w, 'memo', [...memoIds, ...segmentMemoIds]);
  await w.delete('memos', [...memoIds, ...segmentMemoIds]);
  await w.delete('segments', segmentIds);
  await w.delete('turns', turnIds);
  const recordings = await eraseRecordingsOf(w, sourceIds);
  await leaveSets(w, sourceIds);
  await deleteOriginals(w, sourceIds);
  await w.delete('sources', sourceIds);
  return { segments: segmentIds.length, turns: turnIds.length, memos: memoIds.length + segmentMemoIds.length, recordings };
}

/** The interview log, confirmed guide-question places and transcription plan parts of sources (migrations 009, 010). */
async function removeInterviewLogs(w: ChangeRecorder, sourceIds: string[]) {
  for (const table of ['interviews', 'question_places', 'transcription_parts'] as const) {
    const rows = await w.trx.selectFrom(table).select('id').where('source_id', 'in', sourceIds).execute();
    await w.delete(
      table,
      rows.map((r) => r.id),
    );
  }
}

/** Ids of the memos attached to objects of one kind. */
export async function memosOn(w: ChangeRecorder, kind: string, ids: string[]): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < ids.length; i += 400) {
    const part = ids.slice(i, i + 400);
    const rows = await w.trx
      .selectFrom('memos')
      .select('id')
      .where('target_kind', '=', kind)
      .where('target_id', 'in', part)
      .execute();
    out.push(...rows.map((r) => r.id));
  }
  return out;
}

/** Ids of the sources of a case. */
export async function sourcesOf(w: ChangeRecorder, caseId: string): Promise<string[]> {
  return (await w.trx.selectFrom('sources').select('id').where('case_id', '=', caseId).execute()).map((r) => r.id);
}

/**
 * The last step of deleting or withdrawing a case: its attribute values, its memos (and theory links to them) and the case
 * itself. Whatever else points at the case must be gone or unlinked first.
 */
export async function eraseCaseRecord(w: ChangeRecorder, caseId: string) {
  const values = await w.trx.selectFrom('attribute_values').select('id').where('case_id', '=', caseId).execute();
  await w.delete(
    'attribute_values',
    values.map((v) => v.id),
  );
  const memos = await memosOn(w, 'case', [caseId]);
  await unlinkTheory(w, 'memo', memos);
  await w.delete('memos', memos);
  await leaveSets(w, [caseId]);
  await w.delete('cases', [caseId]);
  return { attributeValues: values.length, memos: memos.length };
}
