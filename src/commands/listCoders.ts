import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { coderKind, isBlind, mayManage, projectOwner, visibleLayer } from './helpers/layers.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/**
 * The project's coding layers (for the coder switch): each coder and consensus layer with its
 * segment count, whether the project is blind, its owner, and whether the acting coder may act
 * as owner. In blind mode a coder other than the owner learns of no one else: only their own
 * layer is listed and the owner is not named.
 */
export async function listCoders(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const only = await visibleLayer(db, project, ctx);
  const rows = await db
    .selectFrom('coders as k')
    .leftJoin('segments as s', 's.coder_id', 'k.id')
    .select(['k.id', 'k.name', 'k.kind', (eb) => eb.fn.count<number>('s.id').as('segments')])
    .where('k.project_id', '=', project.id)
    .groupBy(['k.id', 'k.name', 'k.kind'])
    .orderBy('k.name')
    .execute();
  return {
    project: { id: project.id, name: project.name },
    blind: isBlind(project),
    /** null: no owner yet, or hidden from this coder while blind. */
    owner: only === null ? await projectOwner(db, project) : null,
    mayManage: await mayManage(db, project, ctx),
    coders: rows
      .filter((r) => only === null || r.name === only)
      .map((r) => ({ id: r.id, name: r.name, kind: coderKind(r), segments: Number(r.segments) })),
  };
}
