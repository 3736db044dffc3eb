import { KodaError, notFound } from '../../core/errors.js';
import type { Db } from '../../store/db.js';
import type { CoderRow, ProjectRow } from '../../store/schema.js';

/**
 * Shared steps of the coding-layer commands: who owns a project, what blind mode lets the
 * acting coder see, coders by name.
 */

export const CONSENSUS = 'consensus';

export const isBlind = (project: ProjectRow) => Number(project.blind ?? 0) === 1;

/** The project's owner: set explicitly, else whoever created the project (from the audit log). */
export async function projectOwner(db: Db, project: ProjectRow): Promise<string | null> {
  if (project.owner) return project.owner;
  const created = await db
    .selectFrom('audit_events')
    .select('actor')
    .where('project_id', '=', project.id)
    .where('action', '=', 'project.create')
    .orderBy('at')
    .limit(1)
    .executeTakeFirst();
  return created?.actor ?? null;
}

/**
 * The one coding layer `actor` may see, or null for all: in blind mode a coder other than the
 * owner sees only their own segments.
 */
export async function visibleLayer(db: Db, project: ProjectRow, actor: string): Promise<string | null> {
  if (!isBlind(project)) return null;
  return (await projectOwner(db, project)) === actor ? null : actor;
}

/**
 * Refuses views that show other coders' segments to a coder who may not see them yet. The
 * message names nobody: while blind, even the owner's name is another coder's.
 */
export async function assertMaySeeAllLayers(db: Db, project: ProjectRow, actor: string): Promise<void> {
  if ((await visibleLayer(db, project, actor)) !== null) throw blindRefusal();
}

export const blindRefusal = () => new KodaError('coders.blind', {}, 'forbidden');

/** Whether `actor` may act as owner: they are the owner, or the project has none yet. */
export async function mayManage(db: Db, project: ProjectRow, actor: string): Promise<boolean> {
  return ((await projectOwner(db, project)) ?? actor) === actor;
}

/** Refuses an action reserved for the project's owner (without naming them: see assertMaySeeAllLayers). */
export async function assertOwner(db: Db, project: ProjectRow, actor: string): Promise<string> {
  const owner = (await projectOwner(db, project)) ?? actor;
  if (owner !== actor) throw new KodaError('coders.not-owner', {}, 'forbidden');
  return owner;
}

export const coderKind = (coder: Pick<CoderRow, 'kind'>) => coder.kind ?? 'coder';

/** Coders of a project by exact name (as they were created), in the order asked. */
export async function resolveCoders(db: Db, projectId: string, names: readonly string[]): Promise<CoderRow[]> {
  const rows = await db.selectFrom('coders').selectAll().where('project_id', '=', projectId).execute();
  return names.map((name) => {
    const row = rows.find((r) => r.name === name) ?? rows.find((r) => r.id === name);
    if (!row) throw notFound('coder.not-found', { coder: name });
    return row;
  });
}
