import type { Db } from '../store/db.js';
import type { ProjectRow } from '../store/schema.js';
import type { CommandContext } from './helpers/context.js';
import { visibleLayer, type Who } from './helpers/layers.js';
import { memberProjectIds, projectRole } from './helpers/members.js';

/**
 * Every project the person may open (the CLI: all) with how much it holds. Of a project in blind
 * mode a coder other than the owner counts only their own segments.
 */
export async function listProjects(ctx: CommandContext) {
  const { db } = ctx.store;
  const mine = ctx.account ? await memberProjectIds(db, ctx.account) : null;
  const projects = (await db.selectFrom('projects').selectAll().orderBy('name').execute()).filter((p) => !mine || mine.has(p.id));
  const count = async (table: 'sources' | 'cases' | 'codes') => {
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
    segmentsSeen(db, projects, ctx),
  ]);
  const roles = await Promise.all(projects.map((p) => (ctx.account ? projectRole(db, p.id, ctx.account) : null)));
  return projects.map((p, i) => ({
    id: p.id,
    name: p.name,
    language: p.language,
    description: p.description,
    createdAt: p.created_at,
    sources: sources.get(p.id) ?? 0,
    cases: cases.get(p.id) ?? 0,
    codes: codes.get(p.id) ?? 0,
    segments: segments.get(p.id) ?? 0,
    /** The signed-in person's role (the UI shows what it allows); null for the CLI, the operator. */
    role: roles[i] ?? null,
  }));
}

/** Segments per project as `actor` may count them: in blind mode, a non-owner only their own. */
async function segmentsSeen(db: Db, projects: readonly ProjectRow[], who: Who): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('segments as s')
    .innerJoin('coders as k', 'k.id', 's.coder_id')
    .select(['s.project_id', 'k.name', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['s.project_id', 'k.name'])
    .execute();
  const seen = new Map<string, number>();
  for (const p of projects) {
    const only = await visibleLayer(db, p, who);
    for (const r of rows)
      if (r.project_id === p.id && (only === null || r.name === only)) seen.set(p.id, (seen.get(p.id) ?? 0) + Number(r.n));
  }
  return seen;
}
