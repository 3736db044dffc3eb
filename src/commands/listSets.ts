import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { parseRule, SET_KINDS, type SetKind, setMemberIds } from './helpers/sets.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** Only sets of this kind. */
  kind: z.enum(SET_KINDS).optional(),
});

/**
 * The project's sets, source sets first, each by name, with its members by name (a rule set's
 * members as they are now) and their count.
 */
export async function listSets(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  let query = db.selectFrom('sets').selectAll().where('project_id', '=', project.id);
  if (args.kind) query = query.where('kind', '=', args.kind);
  const [rows, sources, cases] = await Promise.all([
    query.execute(),
    db.selectFrom('sources').select(['id', 'name']).where('project_id', '=', project.id).execute(),
    db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', project.id).execute(),
  ]);
  const names: Record<SetKind, Map<string, string>> = {
    source: new Map(sources.map((s) => [s.id, s.name])),
    case: new Map(cases.map((c) => [c.id, c.name])),
  };
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');
  const sets = await Promise.all(
    rows.map(async (set) => {
      const kind = set.kind as SetKind;
      const members = (await setMemberIds(db, set))
        .flatMap((id) => {
          const name = names[kind].get(id);
          return name === undefined ? [] : [{ id, name }];
        })
        .sort(byName);
      return {
        id: set.id,
        name: set.name,
        kind,
        description: set.description,
        /** The attribute a set follows, or null for a set made by hand. */
        rule: parseRule(set.rule),
        members,
        count: members.length,
      };
    }),
  );
  sets.sort((a, b) => (a.kind === b.kind ? byName(a, b) : a.kind === 'source' ? -1 : 1));
  return { sets };
}

export type SetListing = Awaited<ReturnType<typeof listSets>>['sets'][number];
