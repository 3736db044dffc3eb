import { z } from 'zod';
import { notFound } from '../core/errors.js';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { MEMO_TARGETS, memoTargetId } from './helpers/memos.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** What the memo is about; `project` for a memo on the whole study. */
  target: z.enum(MEMO_TARGETS).default('project'),
  /** The source, case or code by name or id, the segment by id (not for `project`). */
  on: z.string().optional(),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(200_000).default(''),
  /** Edit this memo instead of writing a new one (its target stays). */
  memo: z.string().optional(),
});

/**
 * Writes a memo on the project, a source, a case, a code or a coded segment. A segment also has
 * its own short note (its `memo` column, setSegmentMemo); memos on it are full memos with a title,
 * listed and searched with all the others.
 */
export async function writeMemo(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  return runCommand(ctx, { action: 'memo.write', projectId: project.id }, async (w) => {
    const at = nowIso();
    if (args.memo) {
      // Only a memo of this project: never edit another project's memo through this one.
      const own = await w.trx
        .selectFrom('memos')
        .select(['id', 'target_kind', 'target_id'])
        .where('project_id', '=', project.id)
        .where('id', '=', args.memo)
        .executeTakeFirst();
      if (!own) throw notFound('memo.not-found', { memo: args.memo });
      await w.update('memos', own.id, { title: args.title, body: args.body, updated_at: at });
      return { result: { id: own.id, target: own.target_kind, targetId: own.target_id }, objectIds: [own.id] };
    }
    const targetId = await memoTargetId(w.trx, project.id, args.target, args.on);
    const id = newId();
    await w.insert('memos', {
      id,
      project_id: project.id,
      target_kind: args.target,
      target_id: targetId,
      title: args.title,
      body: args.body,
      created_at: at,
      updated_at: at,
    });
    return { result: { id, target: args.target as string, targetId }, objectIds: targetId ? [id, targetId] : [id] };
  });
}
