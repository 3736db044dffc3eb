import { z } from 'zod';
import { notFound } from '../core/errors.js';
import type { Db } from '../store/db.js';
import { type CommandContext, runCommand } from './context.js';
import { memosOn } from './deleteSource.js';
import { resolveProject } from './resolve.js';
import { parseInput } from './validate.js';

export const Input = z.object({ project: z.string(), segment: z.string() });

/** Removes one coded segment (and memos attached to it). */
export async function removeSegment(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'segment.remove', projectId: project.id }, async (w) => {
    const segment = await findSegment(w.trx, project.id, args.segment);
    await w.delete('memos', await memosOn(w, 'segment', [segment.id]));
    await w.delete('segments', [segment.id]);
    return { result: { id: segment.id }, objectIds: [segment.id, segment.source_id, segment.code_id] };
  });
}

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
