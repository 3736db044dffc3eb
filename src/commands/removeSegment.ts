import { z } from 'zod';
import { type CommandContext, runCommand } from './helpers/context.js';
import { memosOn } from './helpers/erase.js';
import { resolveProject } from './helpers/resolve.js';
import { findSegment } from './helpers/segments.js';
import { unlinkTheory } from './helpers/theory.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), segment: z.string() });

/** Removes one coded segment (and memos attached to it, and theory links to both). */
export async function removeSegment(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'segment.remove', projectId: project.id }, async (w) => {
    const segment = await findSegment(w.trx, project.id, args.segment);
    const memoIds = await memosOn(w, 'segment', [segment.id]);
    await unlinkTheory(w, 'memo', memoIds);
    await unlinkTheory(w, 'segment', [segment.id]);
    await w.delete('memos', memoIds);
    await w.delete('segments', [segment.id]);
    return { result: { id: segment.id }, objectIds: [segment.id, segment.source_id, segment.code_id] };
  });
}
