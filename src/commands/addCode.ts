import { z } from 'zod';
import { paletteColor, parseColor } from '../core/codebook/colors.js';
import { newId, nowIso } from '../store/ids.js';
import { assertFreeName, siblingsOf } from './helpers/codebook.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { findCode, loadCodes, resolveProject } from './helpers/resolve.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  name,
  /** Parent theme, category or code, by name, path or id; the top level when absent. */
  parent: z.string().nullish(),
  color: z.string().nullish(),
  description: z.string().max(20_000).default(''),
});

/** Adds a code (or a category or theme: the same node at another depth) to the codebook. */
export async function addCode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'code.add', projectId: project.id }, async (w) => {
    const codes = await loadCodes(w.trx, project.id);
    const parent = args.parent ? findCode(codes, args.parent) : null;
    const parentId = parent?.id ?? null;
    assertFreeName(codes, parentId, args.name);
    // A code without a colour of its own takes its category's, as in the traffic-light model.
    const color = args.color ? parseColor(args.color) : (parent?.color ?? paletteColor(siblingsOf(codes, null).length));
    const id = newId();
    const position = siblingsOf(codes, parentId).length;
    const row = {
      id,
      project_id: project.id,
      parent_id: parentId,
      position,
      name: args.name,
      color,
      description: args.description,
      created_at: nowIso(),
    };
    await w.insert('codes', row);
    return { result: { id, name: args.name, parentId, color, position }, objectIds: [id] };
  });
}
