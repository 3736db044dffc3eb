import { z } from 'zod';
import { parseColor } from '../core/codebook/colors.js';
import { assertFreeName } from './helpers/codebook.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { findCode, loadCodes, resolveProject } from './helpers/resolve.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  code: z.string(),
  name: name.optional(),
  color: z.string().optional(),
  description: z.string().max(20_000).optional(),
});

/** Renames, recolours or redescribes a code. */
export async function editCode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'code.edit', projectId: project.id }, async (w) => {
    const codes = await loadCodes(w.trx, project.id);
    const code = findCode(codes, args.code);
    if (args.name !== undefined) assertFreeName(codes, code.parent_id, args.name, code.id);
    const patch = {
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.color !== undefined ? { color: parseColor(args.color) } : {}),
      ...(args.description !== undefined ? { description: args.description } : {}),
    };
    await w.update('codes', code.id, patch);
    return { result: { ...code, ...patch }, objectIds: [code.id], details: { fields: Object.keys(patch).join(',') } };
  });
}
