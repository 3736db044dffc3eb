import { z } from 'zod';
import type { CommandContext } from './context.js';
import { resolveProject } from './resolve.js';
import { parseInput } from './validate.js';

export const Input = z.object({
  project: z.string().optional(),
  action: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(200),
});

/** The audit log, newest first: who did what, when, to which ids. It holds no text content. */
export async function listAudit(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  let query = db.selectFrom('audit_events').selectAll();
  if (args.project) query = query.where('project_id', '=', (await resolveProject(db, args.project)).id);
  if (args.action) query = query.where('action', '=', args.action);
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(args.limit).execute();
  return rows.map((r) => ({
    at: r.at,
    actor: r.actor,
    action: r.action,
    projectId: r.project_id,
    objectIds: JSON.parse(r.object_ids) as string[],
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
