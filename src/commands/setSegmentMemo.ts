import { z } from 'zod';
import { nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { findSegment } from './helpers/segments.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), segment: z.string(), memo: z.string().max(20_000) });

/** Writes (or clears, with an empty text) the memo on a coded segment. */
export async function setSegmentMemo(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'segment.memo', projectId: project.id }, async (w) => {
    const segment = await findSegment(w.trx, project.id, args.segment);
    await w.update('segments', segment.id, { memo: args.memo, updated_at: nowIso() });
    return { result: { id: segment.id, memo: args.memo }, objectIds: [segment.id], details: { length: args.memo.length } };
  });
}
