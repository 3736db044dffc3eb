import { sql } from 'kysely';
import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';

/**
 * Retention of uploaded originals and recordings, per source: whether the original file and the
 * recording are still kept, whether the transcript is marked verified, and whether each goes
 * once it is (the rules set by `setRetention`). Read-only; never the bytes.
 */
export async function listRetention(ctx: CommandContext, input: { project: string }) {
  const { db } = ctx.store;
  const project = await resolveProject(db, input.project);
  const rows = await db
    .selectFrom('sources as s')
    .leftJoin('recordings as r', 'r.source_id', 's.id')
    .select([
      's.id',
      's.name',
      's.original_name',
      's.verified_at',
      's.delete_original_when_verified',
      's.original_deleted_at',
      sql<number>`case when exists (select 1 from original_pieces o where o.source_id = s.id) then 1 else 0 end`.as('kept'),
      'r.file_name as recording_name',
      's.delete_recording_when_verified',
      's.recording_deleted_at',
    ])
    .where('s.project_id', '=', project.id)
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    originalName: r.original_name,
    originalKept: Number(r.kept) === 1,
    originalDeletedAt: r.original_deleted_at,
    verifiedAt: r.verified_at,
    deleteOriginalWhenVerified: Number(r.delete_original_when_verified) === 1,
    /** The recording's file name while it is kept. */
    recordingName: r.recording_name,
    recordingDeletedAt: r.recording_deleted_at ?? null,
    deleteRecordingWhenVerified: Number(r.delete_recording_when_verified) === 1,
  }));
}
