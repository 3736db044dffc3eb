import type { ExportSet } from '../../formats/refi/exportPlan.js';
import type { Db } from '../../store/db.js';
import { parseRule, setMemberIds } from './sets.js';

/**
 * A project's sets as a REFI-QDA export writes them: each with its members as it resolves now
 * (a rule's too), a case set's members as the sources of its cases: those linked to the case and
 * those with a turn the case speaks (a group interview).
 */
export async function exportSets(db: Db, projectId: string): Promise<ExportSet[]> {
  const sets = await db.selectFrom('sets').selectAll().where('project_id', '=', projectId).orderBy('id').execute();
  const out: ExportSet[] = [];
  for (const set of sets) {
    const members = await setMemberIds(db, set);
    const kind = set.kind === 'case' ? 'case' : 'source';
    out.push({
      id: set.id,
      kind,
      name: set.name,
      description: set.description,
      sourceIds: kind === 'case' ? await sourcesOfCases(db, projectId, members) : members,
      caseIds: kind === 'case' ? members : [],
      rule: parseRule(set.rule),
    });
  }
  return out;
}

async function sourcesOfCases(db: Db, projectId: string, caseIds: string[]): Promise<string[]> {
  if (caseIds.length === 0) return [];
  const ids = new Set<string>();
  for (let i = 0; i < caseIds.length; i += 400) {
    const part = caseIds.slice(i, i + 400);
    const linked = await db
      .selectFrom('sources')
      .select('id')
      .where('project_id', '=', projectId)
      .where('case_id', 'in', part)
      .execute();
    const spoken = await db
      .selectFrom('turns as t')
      .innerJoin('sources as s', 's.id', 't.source_id')
      .select('t.source_id as id')
      .distinct()
      .where('s.project_id', '=', projectId)
      .where('t.case_id', 'in', part)
      .execute();
    for (const r of [...linked, ...spoken]) ids.add(r.id);
  }
  return [...ids];
}
