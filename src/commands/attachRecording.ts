import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { attachStaged, eraseDetached, type RecordingUpload, recordingFacts, stageRecording } from './helpers/recordings.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  fileName: z.string().trim().min(1),
  content: z.custom<AsyncIterable<Uint8Array>>((v) => typeof v === 'object' && v !== null && Symbol.asyncIterator in v),
  declaredBytes: z.number().int().nonnegative().optional(),
});

/**
 * Attaches an audio or video recording to a source, replacing the one it had (erased once the
 * new one is in place). The file is streamed into the store first, outside the action's
 * transaction, so a refused file writes nothing and no lock is held while it arrives. The audit
 * entry keeps ids, size and length, never the file's name (it may name the participant).
 */
export async function attachRecording(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  await resolveSource(ctx.store.db, project.id, args.source);
  const upload: RecordingUpload = { projectId: project.id, ...args };
  const staged = await stageRecording(ctx, upload);
  let replaced: string | null = null;
  const result = await runCommand(ctx, { action: 'recording.attach', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    replaced = await attachStaged(w, source.id, staged);
    const outcome = { source: { id: source.id, name: source.name }, ...recordingFacts(staged), replaced: replaced !== null };
    return {
      result: outcome,
      objectIds: [source.id, staged.id],
      details: { sizeBytes: staged.sizeBytes, durationMs: staged.durationMs ?? -1, replaced: replaced !== null },
    };
  }).catch(async (e) => {
    await eraseDetached(ctx.store.db, staged.id);
    throw e;
  });
  await eraseDetached(ctx.store.db, replaced);
  return result;
}
