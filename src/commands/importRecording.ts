import { createHash } from 'node:crypto';
import { z } from 'zod';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { attachStaged, eraseDetached, recordingFacts, stageRecording } from './helpers/recordings.js';
import { resolveCase, resolveProject } from './helpers/resolve.js';
import { freeName, sourceName } from './helpers/sourceNames.js';
import { name as nameSchema, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  fileName: z.string().trim().min(1),
  content: z.custom<AsyncIterable<Uint8Array>>((v) => typeof v === 'object' && v !== null && Symbol.asyncIterator in v),
  declaredBytes: z.number().int().nonnegative().optional(),
  /** The case (participant) the interview belongs to, by name or id. */
  case: z.string().optional(),
  /** Name shown in Koda; the file's name without extension by default. */
  name: nameSchema.optional(),
});

/** SHA-256 of the empty text a recording's source starts with. */
const EMPTY_TEXT_HASH = createHash('sha256').update('').digest('hex');

/**
 * A recording alone, to transcribe: a new source of kind `recording` with an empty text (the
 * transcript is written into it later) and the recording attached. The recording is streamed
 * into the store before the action's transaction, as `attachRecording` does.
 */
export async function importRecording(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  if (args.case !== undefined) await resolveCase(ctx.store.db, project.id, args.case);
  const wanted = sourceName(args);
  const staged = await stageRecording(ctx, { projectId: project.id, ...args });
  return runCommand(ctx, { action: 'recording.import', projectId: project.id }, async (w) => {
    const caseId = args.case === undefined ? null : (await resolveCase(w.trx, project.id, args.case)).id;
    const id = newId();
    const name = await freeName(w, project.id, wanted.name);
    await w.insert('sources', {
      id,
      project_id: project.id,
      name,
      kind: 'recording',
      case_id: caseId,
      text: '',
      text_length: 0,
      text_hash: EMPTY_TEXT_HASH,
      original_name: staged.fileName,
      original_media_type: staged.mediaType,
      // The recording is the original; it is kept once, in its chunks, not in original_pieces.
      original_hash: staged.sha256,
      metadata: '{}',
      created_at: nowIso(),
      verified_at: null,
      delete_original_when_verified: 0,
      original_deleted_at: null,
    });
    await attachStaged(w, id, staged);
    return {
      result: { id, name, kind: 'recording', case: caseId, ...recordingFacts(staged) },
      objectIds: caseId ? [id, caseId, staged.id] : [id, staged.id],
      details: { sizeBytes: staged.sizeBytes, durationMs: staged.durationMs ?? -1 },
    };
  }).catch(async (e) => {
    await eraseDetached(ctx.store.db, staged.id);
    throw e;
  });
}
