import { z } from 'zod';
import { parseColor } from '../core/codebook/colors.js';
import { parseQuery } from '../core/codingQuery/parse.js';
import { nowIso } from '../store/ids.js';
import { AnalysisFilter } from './helpers/analysisFilter.js';
import { findSmartCode } from './helpers/codingQuery.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { assertSmartNameFree, storedExpression, storedFilter } from './helpers/smartCodes.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** The smart code by name or id. */
  smartCode: z.string(),
  name: name.optional(),
  expression: z.string().max(10_000).optional(),
  filter: AnalysisFilter.optional(),
  color: z.string().optional(),
  description: z.string().max(20_000).optional(),
});

/** Changes a smart code's name, query, filter, colour or description (what is not given stays). */
export async function editSmartCode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const query = args.expression === undefined ? undefined : parseQuery(args.expression);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'query.edit', projectId: project.id }, async (w) => {
    const row = await findSmartCode(w.trx, project.id, args.smartCode);
    if (args.name !== undefined) await assertSmartNameFree(w.trx, project.id, args.name, row.id);
    const changes = {
      ...(args.name !== undefined && { name: args.name }),
      ...(query && { expression: await storedExpression(w.trx, project.id, query, row.id) }),
      ...(args.filter && { filter: JSON.stringify(await storedFilter(w.trx, project.id, args.filter)) }),
      ...(args.color !== undefined && { color: parseColor(args.color) }),
      ...(args.description !== undefined && { description: args.description }),
      updated_at: nowIso(),
    };
    await w.update('smart_codes', row.id, changes);
    return { result: { id: row.id, name: changes.name ?? row.name }, objectIds: [row.id] };
  });
}
