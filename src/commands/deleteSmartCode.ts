import { z } from 'zod';
import { conflict } from '../core/errors.js';
import { findSmartCode } from './helpers/codingQuery.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), smartCode: z.string() });

/**
 * Deletes a smart code (the query only; no coding changes). Refused while another smart code's
 * query names it, which would break.
 */
export async function deleteSmartCode(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'query.delete', projectId: project.id }, async (w) => {
    const row = await findSmartCode(w.trx, project.id, args.smartCode);
    const all = await w.trx
      .selectFrom('smart_codes')
      .select(['id', 'name', 'expression'])
      .where('project_id', '=', project.id)
      .execute();
    const user = all.find((r) => r.id !== row.id && r.expression.includes(`smart:"${row.id}"`));
    if (user) throw conflict('smart-code.in-use', { smartCode: row.name, by: user.name });
    await w.delete('smart_codes', [row.id]);
    return { result: { id: row.id, name: row.name }, objectIds: [row.id] };
  });
}
