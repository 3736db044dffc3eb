import { normalizeAttributeValue, parseAttributeType } from '../../core/cases/attributeValue.js';
import { conflict, invalid, notFound } from '../../core/errors.js';
import type { ChangeRecorder } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import type { SetRow } from '../../store/schema.js';
import { resolveCase, resolveSource } from './resolve.js';

/**
 * Sets of sources or cases (REFI-QDA's Sets; migration 012). A hand-made set lists its members in
 * `set_members`; a set with a rule follows a case attribute: a case set's members are the cases
 * that hold the value now, a source set's the sources of those cases, so it stays right as
 * attributes change.
 */

export type SetKind = 'source' | 'case';

/** A case set's rule: the cases whose attribute holds this value. */
export interface SetRule {
  attribute: string;
  value: string;
}

export function parseRule(rule: string | null): SetRule | null {
  return rule === null ? null : (JSON.parse(rule) as SetRule);
}

export const SET_KINDS = ['source', 'case'] as const;

/** A set of the given kind by id or name, or a not-found error. */
export async function resolveSet(db: Db, projectId: string, kind: SetKind, ref: string): Promise<SetRow> {
  const sets = db.selectFrom('sets').selectAll().where('project_id', '=', projectId).where('kind', '=', kind);
  const row = (await sets.where('id', '=', ref).executeTakeFirst()) ?? (await sets.where('name', '=', ref).executeTakeFirst());
  if (!row) throw notFound(kind === 'source' ? 'set.source-not-found' : 'set.case-not-found', { set: ref });
  return row;
}

/** An attribute condition with the attribute's own name and the value in its stored form. */
export async function ruleFor(db: Db, projectId: string, a: SetRule): Promise<SetRule> {
  const attributes = await db.selectFrom('attributes').selectAll().where('project_id', '=', projectId).execute();
  const def = attributes.find((d) => d.name.toLowerCase() === a.attribute.trim().toLowerCase());
  if (!def) throw notFound('attribute.not-found', { attribute: a.attribute });
  const typed = { name: def.name, type: parseAttributeType(def.type), choices: JSON.parse(def.choices) as string[] };
  return { attribute: def.name, value: normalizeAttributeValue(typed, a.value) };
}

/**
 * The ids of the cases whose attribute (by name, without case) holds the value. Values compare
 * without letter case: "norr" finds the cases whose district is "Norr".
 */
export async function casesWithValue(db: Db, projectId: string, rule: SetRule): Promise<string[]> {
  const rows = await db
    .selectFrom('attribute_values as v')
    .innerJoin('attributes as a', 'a.id', 'v.attribute_id')
    .select(['v.case_id', 'a.name', 'v.value'])
    .where('a.project_id', '=', projectId)
    .execute();
  const name = rule.attribute.toLowerCase();
  const value = rule.value.toLowerCase();
  return rows.filter((r) => r.name.toLowerCase() === name && r.value.toLowerCase() === value).map((r) => r.case_id);
}

/**
 * A set by id or name, of the kind given or of either: a name both kinds use must be told apart
 * by its kind.
 */
export async function findSet(db: Db, projectId: string, ref: string, kind?: SetKind): Promise<SetRow> {
  if (kind) return resolveSet(db, projectId, kind, ref);
  const sets = db.selectFrom('sets').selectAll().where('project_id', '=', projectId);
  const byId = await sets.where('id', '=', ref).executeTakeFirst();
  if (byId) return byId;
  const named = await sets.where('name', '=', ref).execute();
  if (named.length > 1) throw invalid('set.ambiguous', { set: ref });
  if (!named[0]) throw notFound('set.not-found', { set: ref });
  return named[0];
}

/** The member ids of a set now: its listed members, or the cases (or their sources) a rule picks. */
export async function setMemberIds(db: Db, set: SetRow): Promise<string[]> {
  const rule = parseRule(set.rule);
  if (rule) {
    const cases = await casesWithValue(db, set.project_id, rule);
    if (set.kind === 'case') return cases;
    const sources = await db
      .selectFrom('sources')
      .select('id')
      .where('project_id', '=', set.project_id)
      .where('case_id', 'in', cases)
      .execute();
    return sources.map((r) => r.id);
  }
  const rows = await db.selectFrom('set_members').select('member_id').where('set_id', '=', set.id).execute();
  return rows.map((r) => r.member_id);
}

/** Takes sources or cases being deleted or withdrawn out of every set they are in. */
export async function leaveSets(w: ChangeRecorder, memberIds: string[]): Promise<number> {
  let removed = 0;
  for (let i = 0; i < memberIds.length; i += 400) {
    const rows = await w.trx
      .selectFrom('set_members')
      .select('id')
      .where('member_id', 'in', memberIds.slice(i, i + 400))
      .execute();
    await w.delete(
      'set_members',
      rows.map((r) => r.id),
    );
    removed += rows.length;
  }
  return removed;
}

/** Sources or cases by name or id, each once, in the order given. */
export async function resolveMembers(db: Db, projectId: string, kind: SetKind, refs: readonly string[]) {
  const out = new Map<string, { id: string; name: string }>();
  for (const ref of refs) {
    const row = kind === 'source' ? await resolveSource(db, projectId, ref) : await resolveCase(db, projectId, ref);
    out.set(row.id, { id: row.id, name: row.name });
  }
  return [...out.values()];
}

/** A set's name is unique among the project's sets of its kind. */
export async function assertSetNameFree(db: Db, projectId: string, kind: SetKind, name: string, except?: string) {
  let query = db
    .selectFrom('sets')
    .select('id')
    .where('project_id', '=', projectId)
    .where('kind', '=', kind)
    .where('name', '=', name);
  if (except) query = query.where('id', '!=', except);
  if (await query.executeTakeFirst()) throw conflict(kind === 'source' ? 'set.source-exists' : 'set.case-exists', { set: name });
}
