import { z } from 'zod';
import { notFound } from '../core/errors.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { unlinkTheory } from './helpers/theory.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), memo: z.string() });

/** Deletes a memo of the project, and the theory links to it. Undo brings both back. */
export async function deleteMemo(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'memo.delete', projectId: project.id }, async (w) => {
    const memo = await w.trx
      .selectFrom('memos')
      .select(['id', 'title', 'target_kind', 'target_id'])
      .where('project_id', '=', project.id)
      .where('id', '=', args.memo)
      .executeTakeFirst();
    if (!memo) throw notFound('memo.not-found', { memo: args.memo });
    const links = await unlinkTheory(w, 'memo', [memo.id]);
    await w.delete('memos', [memo.id]);
    return {
      result: { id: memo.id, title: memo.title, target: memo.target_kind, targetId: memo.target_id, links },
      objectIds: memo.target_id ? [memo.id, memo.target_id] : [memo.id],
      details: { links },
    };
  });
}
