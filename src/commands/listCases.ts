import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';

/** Cases with their attribute values, and the project's attribute definitions. */
export async function listCases(ctx: CommandContext, input: { project: string }) {
  const { db } = ctx.store;
  const project = await resolveProject(db, input.project);
  const attributes = await db
    .selectFrom('attributes')
    .selectAll()
    .where('project_id', '=', project.id)
    .orderBy('position')
    .execute();
  const cases = await db.selectFrom('cases').selectAll().where('project_id', '=', project.id).orderBy('name').execute();
  const values = await db
    .selectFrom('attribute_values as v')
    .innerJoin('cases as c', 'c.id', 'v.case_id')
    .innerJoin('attributes as a', 'a.id', 'v.attribute_id')
    .select(['v.case_id', 'a.name', 'v.value'])
    .where('c.project_id', '=', project.id)
    .execute();
  const sources = await db
    .selectFrom('sources')
    .select(['case_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('project_id', '=', project.id)
    .groupBy('case_id')
    .execute();
  const sourceCount = new Map(sources.map((s) => [s.case_id, Number(s.n)]));
  return {
    attributes: attributes.map((a) => ({ id: a.id, name: a.name, type: a.type, choices: JSON.parse(a.choices) as string[] })),
    cases: cases.map((c) => ({
      id: c.id,
      name: c.name,
      description: c.description,
      sources: sourceCount.get(c.id) ?? 0,
      attributes: Object.fromEntries(values.filter((v) => v.case_id === c.id).map((v) => [v.name, v.value])),
    })),
  };
}
