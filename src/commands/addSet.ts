import { z } from 'zod';
import { invalid } from '../core/errors.js';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { assertSetNameFree, resolveMembers, ruleFor, SET_KINDS, setMemberIds } from './helpers/sets.js';
import { name, parseInput } from './helpers/validate.js';

export const SetRuleInput = z.object({ attribute: z.string().trim().min(1), value: z.string().trim().min(1) });

export const Input = z.object({
  project: z.string(),
  /** A set of sources (documents) or of cases (participants). */
  kind: z.enum(SET_KINDS),
  name,
  description: z.string().max(10_000).default(''),
  /** Sources or cases by name or id. */
  members: z.array(z.string()).default([]),
  /**
   * Made from a case attribute: the cases holding the value (for a source set, those cases'
   * sources). The set follows the attribute as values change, unless `snapshot` is set.
   */
  fromAttribute: SetRuleInput.optional(),
  /** With `fromAttribute`: keep the members the attribute picks now, as a hand-made set. */
  snapshot: z.boolean().default(false),
});

/** Makes a source set or a case set, by hand or from an attribute (helpers/sets.ts). */
export async function addSet(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  if (args.fromAttribute && args.members.length > 0) throw invalid('set.members-and-rule');
  return runCommand(ctx, { action: 'set.add', projectId: project.id }, async (w) => {
    await assertSetNameFree(w.trx, project.id, args.kind, args.name);
    const rule = args.fromAttribute ? await ruleFor(w.trx, project.id, args.fromAttribute) : null;
    const id = newId();
    const live = rule !== null && !args.snapshot;
    const set = {
      id,
      project_id: project.id,
      kind: args.kind,
      name: args.name,
      description: args.description,
      rule: live ? JSON.stringify(rule) : null,
      created_at: nowIso(),
    };
    await w.insert('sets', set);
    const members = rule
      ? await setMemberIds(w.trx, { ...set, rule: JSON.stringify(rule) })
      : (await resolveMembers(w.trx, project.id, args.kind, args.members)).map((m) => m.id);
    if (!live) for (const member of members) await w.insert('set_members', { id: newId(), set_id: id, member_id: member });
    return {
      result: { id, name: args.name, kind: args.kind, rule: live ? rule : null, members: members.length },
      objectIds: [id],
      details: { kind: args.kind, members: members.length, live },
    };
  });
}
