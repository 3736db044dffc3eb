import { z } from 'zod';
import { paletteColor, parseColor } from '../core/codebook/colors.js';
import { parseQuery } from '../core/codingQuery/parse.js';
import { newId, nowIso } from '../store/ids.js';
import { AnalysisFilter } from './helpers/analysisFilter.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { assertSmartNameFree, storedExpression, storedFilter } from './helpers/smartCodes.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  name,
  /** In the coding query language; codes by name (kept by id: helpers/smartCodes.ts). */
  expression: z.string().max(10_000),
  filter: AnalysisFilter.default({}),
  color: z.string().nullish(),
  description: z.string().max(20_000).default(''),
});

/** Saves a coding query as a smart code: shown in the codebook, evaluated whenever it is read. */
export async function saveSmartCode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const query = parseQuery(args.expression);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'query.save', projectId: project.id }, async (w) => {
    await assertSmartNameFree(w.trx, project.id, args.name);
    const count = await w.trx.selectFrom('smart_codes').select('id').where('project_id', '=', project.id).execute();
    const id = newId();
    const now = nowIso();
    await w.insert('smart_codes', {
      id,
      project_id: project.id,
      name: args.name,
      expression: await storedExpression(w.trx, project.id, query),
      filter: JSON.stringify(await storedFilter(w.trx, project.id, args.filter)),
      color: args.color ? parseColor(args.color) : paletteColor(count.length),
      description: args.description,
      created_at: now,
      updated_at: now,
    });
    return { result: { id, name: args.name }, objectIds: [id] };
  });
}
