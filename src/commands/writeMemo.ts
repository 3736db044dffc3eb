import { z } from 'zod';
import { notFound } from '../core/errors.js';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { findCode, loadCodes, resolveCase, resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** What the memo is about; `project` for a memo on the whole study. */
  target: z.enum(['project', 'source', 'case', 'code']).default('project'),
  /** The source, case or code, by name or id (not for `project`). */
  on: z.string().optional(),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(200_000).default(''),
  /** Edit this memo instead of writing a new one. */
  memo: z.string().optional(),
});

/** Writes a memo on the project, a source, a case or a code (segment memos live on the segment). */
export async function writeMemo(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  return runCommand(ctx, { action: 'memo.write', projectId: project.id }, async (w) => {
    const targetId = await targetOf(w.trx, project.id, args.target, args.on);
    const at = nowIso();
    if (args.memo) {
      // Only a memo of this project: never edit another project's memo through this one.
      const own = await w.trx
        .selectFrom('memos')
        .select('id')
        .where('project_id', '=', project.id)
        .where('id', '=', args.memo)
        .executeTakeFirst();
      if (!own) throw notFound('memo.not-found', { memo: args.memo });
      await w.update('memos', args.memo, { title: args.title, body: args.body, updated_at: at });
      return { result: { id: args.memo, target: args.target, targetId }, objectIds: [args.memo] };
    }
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
    return { result: { id, target: args.target, targetId }, objectIds: targetId ? [id, targetId] : [id] };
  });
}

async function targetOf(db: Parameters<typeof resolveSource>[0], projectId: string, kind: string, ref?: string) {
  if (kind === 'project' || !ref) return null;
  if (kind === 'source') return (await resolveSource(db, projectId, ref)).id;
  if (kind === 'case') return (await resolveCase(db, projectId, ref)).id;
  return findCode(await loadCodes(db, projectId), ref).id;
}

/** Memos of a project, optionally only those on one kind of target. */
export async function listMemos(ctx: CommandContext, input: { project: string; target?: string }) {
  const project = await resolveProject(ctx.store.db, input.project);
  let query = ctx.store.db.selectFrom('memos').selectAll().where('project_id', '=', project.id);
  if (input.target) query = query.where('target_kind', '=', input.target);
  const rows = await query.orderBy('created_at').execute();
  return rows.map((m) => ({
    id: m.id,
    target: m.target_kind,
    targetId: m.target_id,
    title: m.title,
    body: m.body,
    updatedAt: m.updated_at,
  }));
}
