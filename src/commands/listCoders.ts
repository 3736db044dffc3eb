import { z } from 'zod';
import type { CommandContext } from './context.js';
import { coderKind, isBlind, projectOwner, visibleLayer } from './layers.js';
import { resolveProject } from './resolve.js';
import { parseInput } from './validate.js';

export const Input = z.object({ project: z.string() });

/**
 * The project's coding layers (for the coder switch): each coder and consensus layer with its
 * segment count, whether the project is blind, and its owner. In blind mode a coder other than
 * the owner gets counts for their own layer only.
 */
export async function listCoders(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const only = await visibleLayer(db, project, ctx.actor);
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
    owner: await projectOwner(db, project),
    coders: rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: coderKind(r),
      segments: only === null || only === r.name ? Number(r.segments) : null,
    })),
  };
}
