import type { Db } from '../../store/db.js';

/**
 * The length of each source's recording, read from the file when it was stored (recordings,
 * migration 007), by source id. The one place that reads them for the interview log.
 */
export async function recordingLengths(db: Db, projectId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('recordings')
    .select(['source_id', 'duration_ms'])
    .where('project_id', '=', projectId)
    .where('source_id', 'is not', null)
    .where('duration_ms', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.source_id as string, Number(r.duration_ms)]));
}
