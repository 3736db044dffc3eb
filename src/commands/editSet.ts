import { z } from 'zod';
import { invalid } from '../core/errors.js';
import type { ChangeRecorder } from '../store/changes.js';
import { newId } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { assertSetNameFree, findSet, parseRule, resolveMembers, SET_KINDS, type SetKind, setMemberIds } from './helpers/sets.js';
import { name, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** The set, by name or id. */
  set: z.string(),
  /** Needed only when a source set and a case set share the name. */
  kind: z.enum(SET_KINDS).optional(),
  name: name.optional(),
  description: z.string().max(10_000).optional(),
  /** Members to add and to take out, by name or id (a hand-made set only). */
  add: z.array(z.string()).default([]),
  remove: z.array(z.string()).default([]),
  /** A set that follows an attribute keeps the members it has now and stops following. */
  freeze: z.boolean().default(false),
});

/** Renames a set, changes its description, adds and takes out members, or freezes a rule set. */
export async function editSet(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'set.edit', projectId: project.id }, async (w) => {
    const set = await findSet(w.trx, project.id, args.set, args.kind);
    const kind = set.kind as SetKind;
    const rule = parseRule(set.rule);
    if (rule && !args.freeze && args.add.length + args.remove.length > 0)
      throw invalid('set.follows-rule', { set: set.name, attribute: rule.attribute });
    const changes: { name?: string; description?: string; rule?: null } = {};
    if (args.name !== undefined && args.name !== set.name) {
      await assertSetNameFree(w.trx, project.id, kind, args.name, set.id);
      changes.name = args.name;
    }
    if (args.description !== undefined && args.description !== set.description) changes.description = args.description;
    if (rule && args.freeze) {
      changes.rule = null;
      for (const member of await setMemberIds(w.trx, set))
        await w.insert('set_members', { id: newId(), set_id: set.id, member_id: member });
    }
    if (Object.keys(changes).length > 0) await w.update('sets', set.id, changes);
    const added = await addMembers(w, set.id, await resolveMembers(w.trx, project.id, kind, args.add));
    const removed = await removeMembers(w, set.id, set.name, await resolveMembers(w.trx, project.id, kind, args.remove));
    return {
      result: { id: set.id, name: changes.name ?? set.name, kind, added, removed },
      objectIds: [set.id],
      details: { added, removed, renamed: changes.name !== undefined, frozen: changes.rule === null },
    };
  });
}

type Recorder = ChangeRecorder;

/** Adds the members not in the set yet; returns how many. */
async function addMembers(w: Recorder, setId: string, members: { id: string }[]): Promise<number> {
  const present = new Set(
    (await w.trx.selectFrom('set_members').select('member_id').where('set_id', '=', setId).execute()).map((r) => r.member_id),
  );
  const fresh = members.filter((m) => !present.has(m.id));
  for (const m of fresh) await w.insert('set_members', { id: newId(), set_id: setId, member_id: m.id });
  return fresh.length;
}

/** Takes members out; one that is not in the set is an error, so a typo is not silently ignored. */
async function removeMembers(w: Recorder, setId: string, setName: string, members: { id: string; name: string }[]) {
  const rows = await w.trx.selectFrom('set_members').select(['id', 'member_id']).where('set_id', '=', setId).execute();
  const ids: string[] = [];
  for (const m of members) {
    const row = rows.find((r) => r.member_id === m.id);
    if (!row) throw invalid('set.member-not-in-set', { member: m.name, set: setName });
    ids.push(row.id);
  }
  await w.delete('set_members', ids);
  return ids.length;
}
