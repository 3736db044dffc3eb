import { notFound } from '../../core/errors.js';
import type { Db } from '../../store/db.js';
import type { SetRow } from '../../store/schema.js';

/**
 * Sets of sources or cases (REFI-QDA's Sets; migration 012). A hand-made set lists its members in
 * `set_members`; a case set with a rule follows a case attribute: its members are the cases that
 * hold the value now, so it stays right as attributes change.
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

/** A set of the given kind by id or name, or a not-found error. */
export async function resolveSet(db: Db, projectId: string, kind: SetKind, ref: string): Promise<SetRow> {
  const sets = db.selectFrom('sets').selectAll().where('project_id', '=', projectId).where('kind', '=', kind);
  const row = (await sets.where('id', '=', ref).executeTakeFirst()) ?? (await sets.where('name', '=', ref).executeTakeFirst());
  if (!row) throw notFound(kind === 'source' ? 'set.source-not-found' : 'set.case-not-found', { set: ref });
  return row;
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

/** The member ids of a set now: its listed members, or for a rule the cases that match it. */
export async function setMemberIds(db: Db, set: SetRow): Promise<string[]> {
  const rule = parseRule(set.rule);
  if (rule) return casesWithValue(db, set.project_id, rule);
  const rows = await db.selectFrom('set_members').select('member_id').where('set_id', '=', set.id).execute();
  return rows.map((r) => r.member_id);
}
