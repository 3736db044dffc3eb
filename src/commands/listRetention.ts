import { sql } from 'kysely';
import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';

/**
 * Retention of uploaded originals, per source: whether the original file is still kept, whether
 * the transcript is marked verified, and whether the original goes once it is (the rule set by
 * `setRetention`). Read-only; never the bytes.
 */
export async function listRetention(ctx: CommandContext, input: { project: string }) {
  const { db } = ctx.store;
  const project = await resolveProject(db, input.project);
  const rows = await db
    .selectFrom('sources')
    .select([
      'id',
      'name',
      'original_name',
      'verified_at',
      'delete_original_when_verified',
      'original_deleted_at',
      sql<number>`case when original_bytes is null then 0 else 1 end`.as('kept'),
    ])
    .where('project_id', '=', project.id)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    originalName: r.original_name,
    originalKept: Number(r.kept) === 1,
    originalDeletedAt: r.original_deleted_at,
    verifiedAt: r.verified_at,
    deleteOriginalWhenVerified: Number(r.delete_original_when_verified) === 1,
  }));
}
