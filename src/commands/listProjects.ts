import type { CommandContext } from './context.js';

/** Every project with how much it holds. */
export async function listProjects(ctx: CommandContext) {
  const { db } = ctx.store;
  const projects = await db.selectFrom('projects').selectAll().orderBy('name').execute();
  const count = async (table: 'sources' | 'cases' | 'codes' | 'segments') => {
    const rows = await db
      .selectFrom(table)
      .select(['project_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('project_id')
      .execute();
    return new Map(rows.map((r) => [r.project_id, Number(r.n)]));
  };
  const [sources, cases, codes, segments] = await Promise.all([
    count('sources'),
    count('cases'),
    count('codes'),
    count('segments'),
  ]);
  return projects.map((p) => ({
    id: p.id,
    name: p.name,
    language: p.language,
    description: p.description,
    createdAt: p.created_at,
    sources: sources.get(p.id) ?? 0,
    cases: cases.get(p.id) ?? 0,
    codes: codes.get(p.id) ?? 0,
    segments: segments.get(p.id) ?? 0,
  }));
}
