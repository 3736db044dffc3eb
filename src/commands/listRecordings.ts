import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';

/** The project's recordings with their sources, by source name; never the bytes. */
export async function listRecordings(ctx: CommandContext, input: { project: string }) {
  const { db } = ctx.store;
  const project = await resolveProject(db, input.project);
  const rows = await db
    .selectFrom('recordings as r')
    .innerJoin('sources as s', 's.id', 'r.source_id')
    .select([
      's.id as source_id',
      's.name as source_name',
      'r.file_name',
      'r.media_type',
      'r.size_bytes',
      'r.duration_ms',
      'r.created_at',
    ])
    .where('r.project_id', '=', project.id)
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    source: { id: r.source_id, name: r.source_name },
    fileName: r.file_name,
    mediaType: r.media_type,
    sizeBytes: Number(r.size_bytes),
    durationMs: r.duration_ms,
    createdAt: r.created_at,
  }));
}
