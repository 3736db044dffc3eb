import type { ChangeRecorder } from '../../store/changes.js';

/** Removes sources with their segments, turns and the memos attached to any of them. */
export async function removeSources(w: ChangeRecorder, sourceIds: string[]) {
  if (sourceIds.length === 0) return { segments: 0, turns: 0, memos: 0 };
  const segmentIds = (await w.trx.selectFrom('segments').select('id').where('source_id', 'in', sourceIds).execute()).map(
    (r) => r.id,
  );
  const turnIds = (await w.trx.selectFrom('turns').select('id').where('source_id', 'in', sourceIds).execute()).map((r) => r.id);
  const memoIds = await memosOn(w, 'source', sourceIds);
  const segmentMemoIds = await memosOn(w, 'segment', segmentIds);
  await w.delete('memos', [...memoIds, ...segmentMemoIds]);
  await w.delete('segments', segmentIds);
  await w.delete('turns', turnIds);
  await w.delete('sources', sourceIds);
  return { segments: segmentIds.length, turns: turnIds.length, memos: memoIds.length + segmentMemoIds.length };
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
