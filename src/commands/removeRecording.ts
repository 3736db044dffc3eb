import { z } from 'zod';
import { nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { eraseDetached, requireRecordingOf } from './helpers/recordings.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), source: z.string() });

/**
 * Removes a source's recording for good: detached in the action's transaction, its chunks erased
 * after it commits, in short statements, so the store stays responsive for a file of gigabytes.
 */
export async function removeRecording(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  let detached: string | null = null;
  const result = await runCommand(ctx, { action: 'recording.remove', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const recording = await requireRecordingOf(w.trx, source.id, source.name);
    await w.trx.updateTable('recordings').set({ source_id: null }).where('id', '=', recording.id).execute();
    await w.trx.updateTable('sources').set({ recording_deleted_at: nowIso() }).where('id', '=', source.id).execute();
    detached = recording.id;
    return {
      result: { source: { id: source.id, name: source.name }, removed: true },
      objectIds: [source.id, recording.id],
      details: { sizeBytes: Number(recording.size_bytes) },
    };
  });
  await eraseDetached(ctx.store.db, detached);
  return result;
}
