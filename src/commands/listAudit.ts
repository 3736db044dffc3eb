import { z } from 'zod';
import type { Db } from '../store/db.js';
import type { CommandContext } from './context.js';
import { visibleLayer } from './layers.js';
import { resolveProject } from './resolve.js';
import { parseInput } from './validate.js';

export const Input = z.object({
  project: z.string().optional(),
  action: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(200),
});

/**
 * The audit log, newest first: who did what, when, to which ids. It holds no text content. Of a
 * project in blind mode a coder other than the owner sees only their own events.
 */
export async function listAudit(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  let query = db.selectFrom('audit_events').selectAll();
  if (args.project) query = query.where('project_id', '=', (await resolveProject(db, args.project)).id);
  if (args.action) query = query.where('action', '=', args.action);
  const blinded = await blindedProjects(db, ctx.actor);
  if (blinded.length > 0)
    query = query.where((eb) =>
      eb.or([eb('project_id', 'is', null), eb('project_id', 'not in', blinded), eb('actor', '=', ctx.actor)]),
    );
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

/** Projects in blind mode whose other coders' actions `actor` may not see. */
async function blindedProjects(db: Db, actor: string): Promise<string[]> {
  const blind = await db.selectFrom('projects').selectAll().where('blind', '=', 1).execute();
  const hidden = await Promise.all(blind.map(async (p) => ((await visibleLayer(db, p, actor)) === null ? null : p.id)));
  return hidden.filter((id) => id !== null);
}
