import { z } from 'zod';
import type { ChangeRecorder } from '../store/changes.js';
import { type CommandContext, runCommand } from './context.js';
import { resolveProject, resolveSource } from './resolve.js';
import { parseInput } from './validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  /** Report what would be deleted, deleting nothing. */
  dryRun: z.boolean().default(false),
});

/** Deletes a source and everything that hangs on it: turns, segments and their memos. */
export async function deleteSource(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'source.delete', projectId: project.id, dryRun: args.dryRun }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const removed = await removeSources(w, [source.id]);
    return { result: { id: source.id, name: source.name, ...removed }, objectIds: [source.id], details: removed };
  });
}

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
