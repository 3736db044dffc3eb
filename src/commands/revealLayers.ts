import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { assertOwner, coderKind, isBlind } from './helpers/layers.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/**
 * Reveals the coding layers (owner only): ends blind mode, so every coder sees every layer,
 * and says how many segments each layer holds.
 */
export async function revealLayers(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'project.reveal', projectId: project.id }, async (w) => {
    const owner = await assertOwner(w.trx, project, ctx);
    const wasBlind = isBlind(project);
    if (wasBlind) await w.update('projects', project.id, { blind: 0, ...(project.owner ? {} : { owner }) });
    const layers = await w.trx
      .selectFrom('coders as k')
      .leftJoin('segments as s', 's.coder_id', 'k.id')
      .select(['k.name', 'k.kind', (eb) => eb.fn.count<number>('s.id').as('segments')])
      .where('k.project_id', '=', project.id)
      .groupBy(['k.id', 'k.name', 'k.kind'])
      .orderBy('k.name')
      .execute();
    return {
      result: {
        project: project.name,
        wasBlind,
        layers: layers.map((l) => ({ coder: l.name, kind: coderKind(l), segments: Number(l.segments) })),
      },
      objectIds: [project.id],
      details: { wasBlind, layers: layers.length },
    };
  });
}
