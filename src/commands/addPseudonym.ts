import { z } from 'zod';
import { conflict } from '../core/errors.js';
import { PSEUDONYM_KINDS } from '../core/pseudonyms/kinds.js';
import { normalizeForm, PseudonymMatcher } from '../core/pseudonyms/replace.js';
import { guessKind } from '../core/pseudonyms/suggest.js';
import { newId, nowIso } from '../store/ids.js';
import { adoptKeyFiles, PseudonymKey } from '../store/pseudonymKey.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { entryRows, nameLists } from './helpers/pseudonymMap.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput, refuseUnsafeCharacters } from './helpers/validate.js';

const form = z
  .string()
  .max(200)
  .transform(normalizeForm)
  .refine((f) => f.length > 0, 'must not be empty')
  .refine((f) => !/^\p{M}/u.test(f), 'must not start with a combining mark');

export const Input = z.object({
  project: z.string(),
  /** The real form(s) the fictive form replaces: spellings, genitives need not be listed. */
  real: z.union([form, z.array(form).min(1).max(50)]).transform((r) => [...new Set(Array.isArray(r) ? r : [r])]),
  /** Goes into the texts, so it is held to the rule for names. */
  fictive: form.superRefine(refuseUnsafeCharacters),
  /** Guessed from the shipped name and place lists when not given. */
  kind: z.enum(PSEUDONYM_KINDS).optional(),
});

/**
 * Adds an entry to the project's pseudonym map, or more real forms to the entry that already
 * has this fictive form. The fictive side is a database row; the real forms go only into the
 * project's encrypted key, written in the same transaction and undone with it. A real form belongs to one entry only,
 * and no fictive form may contain a real one (applying twice would then change the text again).
 */
export async function addPseudonym(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  await adoptKeyFiles(ctx.store);
  return runCommand(ctx, { action: 'pseudonym.add', projectId: project.id }, async (w) => {
    // Opened inside the transaction: concurrent adds are serialised with the database's writes.
    const key = await PseudonymKey.open(w.trx, project.id, ctx.pseudonymSecret);
    const rows = await entryRows(w.trx, project.id);
    // Entries without a row: left in keys written before undo took the key back too.
    const live = new Set(rows.map((r) => r.id));
    key.drop(key.entries.filter((e) => !live.has(e.id)).map((e) => e.id));

    const existing = rows.find((r) => r.fictive === args.fictive);
    if (existing && args.kind && existing.kind !== args.kind) {
      throw conflict('pseudonym.kind-mismatch', { fictive: existing.fictive, kind: existing.kind });
    }
    const id = existing?.id ?? newId();
    const fictiveOf = new Map(rows.map((r) => [r.id, r.fictive]));
    for (const real of args.real) {
      const owner = key.entries.find((e) => e.id !== id && e.real.includes(real));
      if (owner) throw conflict('pseudonym.real-taken', { fictive: fictiveOf.get(owner.id) ?? '?' });
    }

    const own = key.entries.find((e) => e.id === id);
    const added = args.real.filter((r) => !own?.real.includes(r));
    if (own) own.real.push(...added);
    else key.entries.push({ id, real: [...args.real] });

    // No fictive form may contain a real form: not this entry's, not another's.
    const matcher = new PseudonymMatcher(key.entries.map((e) => ({ id: e.id, real: e.real, fictive: '' })));
    for (const fictive of new Set([...rows.map((r) => r.fictive), args.fictive])) {
      if (matcher.find(fictive).length > 0) throw conflict('pseudonym.fictive-has-real', { fictive });
    }

    const lists = nameLists();
    const kind =
      existing?.kind ?? args.kind ?? guessKind(args.real[0] as string, new Set(lists.firstNames), new Set(lists.places));
    if (!existing)
      await w.insert('pseudonym_entries', { id, project_id: project.id, kind, fictive: args.fictive, created_at: nowIso() });
    await key.save(w);
    const realForms = key.entries.find((e) => e.id === id)?.real.length ?? 0;
    return {
      // Never the real forms: results end up in terminals, logs and the audit trail.
      result: { id, fictive: args.fictive, kind, created: !existing, realForms, added: added.length },
      objectIds: [id],
      details: { kind, created: !existing, added: added.length },
    };
  });
}
