import { z } from 'zod';
import type { ChangeRecorder } from '../store/changes.js';
import { nowIso } from '../store/ids.js';
import { deleteOriginals } from '../store/originals.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { leaveNoCopies } from './helpers/leaveNoCopies.js';
import { eraseRecordingsOf } from './helpers/recordings.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const VerifyInput = z.object({ project: z.string(), source: z.string() });
export const RetentionInput = z.object({
  project: z.string(),
  source: z.string(),
  /** Delete the uploaded original (docx, pdf, …) once the transcript is verified; unchanged when absent. */
  deleteOriginalWhenVerified: z.boolean().optional(),
  /** Delete the recording once the transcript is verified; unchanged when absent. */
  deleteRecordingWhenVerified: z.boolean().optional(),
});

/**
 * Retention of originals, as the thesis deleted its phone recordings once transcribed: a source
 * can be marked to lose its uploaded original once its transcript is verified. Marking a source
 * verified (or setting the rule on a verified one) deletes the original at once. The deletion is
 * audited and not undoable, and the project's undo history goes with it (it may hold copies).
 * A recording has a rule of its own ("delete the recording when the transcript is verified", a
 * common condition of ethics boards), applied the same way.
 */
export async function markTranscriptVerified(ctx: CommandContext, input: z.input<typeof VerifyInput>) {
  const args = parseInput(VerifyInput, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return settle(ctx, project.id, 'source.verify', args.source, async (w, id) => {
    await w.update('sources', id, { verified_at: nowIso() });
  });
}

export async function setRetention(ctx: CommandContext, input: z.input<typeof RetentionInput>) {
  const args = parseInput(RetentionInput, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const flag = (on: boolean | undefined) => (on === undefined ? undefined : on ? 1 : 0);
  const rules = {
    delete_original_when_verified: flag(args.deleteOriginalWhenVerified),
    delete_recording_when_verified: flag(args.deleteRecordingWhenVerified),
  };
  return settle(ctx, project.id, 'source.retention', args.source, async (w, id) => {
    await w.update('sources', id, Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined)));
  });
}

async function settle(
  ctx: CommandContext,
  projectId: string,
  action: 'source.verify' | 'source.retention',
  ref: string,
  change: (w: ChangeRecorder, sourceId: string) => Promise<void>,
) {
  let deleted = false;
  let recordingDeleted = false;
  const result = await runCommand(ctx, { action, projectId }, async (w) => {
    const { id } = await resolveSource(w.trx, projectId, ref);
    await change(w, id);
    const source = await w.trx
      .selectFrom('sources')
      .select(['name', 'verified_at', 'delete_original_when_verified', 'original_deleted_at', 'delete_recording_when_verified'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    deleted = source.verified_at !== null && source.delete_original_when_verified === 1 && source.original_deleted_at === null;
    if (deleted) {
      await deleteOriginals(w, [id]);
      await w.update('sources', id, { original_deleted_at: nowIso() });
    }
    recordingDeleted = source.verified_at !== null && Number(source.delete_recording_when_verified) === 1;
    recordingDeleted &&= (await eraseRecordingsOf(w, [id])) > 0;
    if (recordingDeleted) await w.update('sources', id, { recording_deleted_at: nowIso() });
    if (deleted || recordingDeleted) await w.trx.deleteFrom('history_entries').where('project_id', '=', projectId).execute();
    const outcome = {
      id,
      name: source.name,
      verified: source.verified_at !== null,
      originalDeleted: deleted || source.original_deleted_at !== null,
      recordingDeleted,
    };
    return { result: outcome, objectIds: [id], details: { originalDeleted: deleted, recordingDeleted } };
  });
  if (deleted || recordingDeleted) await leaveNoCopies(ctx.store);
  return result;
}
