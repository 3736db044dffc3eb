import { z } from 'zod';
import { adoptKeyFiles, PseudonymKey } from '../store/pseudonymKey.js';
import type { CommandContext } from './helpers/context.js';
import { entryRows } from './helpers/pseudonymMap.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/**
 * The project's pseudonym map: fictive form, kind and how often it was applied, always; the real
 * forms only when the key's secret is given (a wrong secret is refused, not ignored).
 */
export async function listPseudonyms(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  await adoptKeyFiles(ctx.store);
  const rows = await entryRows(db, project.id);
  const key = ctx.pseudonymSecret ? await PseudonymKey.open(db, project.id, ctx.pseudonymSecret) : null;
  const real = new Map(key?.entries.map((e) => [e.id, e.real]) ?? []);
  const uses = await db
    .selectFrom('pseudonym_uses as u')
    .innerJoin('pseudonym_entries as e', 'e.id', 'u.entry_id')
    .select(['u.entry_id', (eb) => eb.fn.sum<number>('u.count').as('n')])
    .where('e.project_id', '=', project.id)
    .groupBy('u.entry_id')
    .execute();
  const used = new Map(uses.map((u) => [u.entry_id, Number(u.n)]));
  return {
    unlocked: key !== null,
    entries: rows.map((r) => ({
      id: r.id,
      fictive: r.fictive,
      kind: r.kind,
      /** Occurrences replaced so far by `pseudonyms apply`. */
      replaced: used.get(r.id) ?? 0,
      ...(key ? { real: [...(real.get(r.id) ?? [])] } : {}),
    })),
  };
}
