import { notFound } from '../../core/errors.js';
import type { Db } from '../../store/db.js';

/** A segment of the project, or a not-found error. */
export async function findSegment(db: Db, projectId: string, id: string) {
  const segment = await db
    .selectFrom('segments')
    .select(['id', 'source_id', 'code_id', 'memo'])
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!segment) throw notFound('segment.not-found', { segment: id });
  return segment;
}
