import { KodaError, notFound } from '../../core/errors.js';
import type { Db } from '../../store/db.js';
import type { CoderRow, ProjectRow } from '../../store/schema.js';
import type { CommandContext } from './context.js';
import { projectRole } from './members.js';

/**
 * Shared steps of the coding-layer commands: who owns a project, what blind mode lets the
 * acting coder see, coders by name.
 *
 * A signed-in person's rights come from their role in the project: an owner sees every layer; a
 * coder, while the project is blind, only their own; a viewer (who codes nothing) then sees no
 * layer at all, only what is revealed. The CLI, the operator, has no account: there the owner is
 * the coder name the project records, as before accounts.
 */

/** Who is acting: the coder name and, when signed in, the account. */
export type Who = Pick<CommandContext, 'actor' | 'account'>;

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
 * The one coding layer `who` may see, or null for all: in blind mode anyone but the owner sees
 * only their own segments (a viewer's layer is empty: they code nothing).
 */
export async function visibleLayer(db: Db, project: ProjectRow, who: Who): Promise<string | null> {
  if (!isBlind(project)) return null;
  return (await isOwner(db, project, who)) ? null : who.actor;
}

/**
 * The id of the one layer `who` may see among the project's `coders`, or null for all; '' (no
 * segment's coder) when their layer has no coder row yet, so a query narrowed by it finds nothing.
 */
export async function visibleLayerId(
  db: Db,
  project: ProjectRow,
  who: Who,
  coders: readonly Pick<CoderRow, 'id' | 'name'>[],
): Promise<string | null> {
  const only = await visibleLayer(db, project, who);
  return only === null ? null : (coders.find((k) => k.name === only)?.id ?? '');
}

/** Whether `who` owns the project: by role when signed in, else by the recorded owner's name (or none yet). */
async function isOwner(db: Db, project: ProjectRow, who: Who): Promise<boolean> {
  if (who.account) return (await projectRole(db, project.id, who.account)) === 'owner';
  return ((await projectOwner(db, project)) ?? who.actor) === who.actor;
}

/**
 * Refuses views that show other coders' segments to a coder who may not see them yet. The
 * message names nobody: while blind, even the owner's name is another coder's.
 */
export async function assertMaySeeAllLayers(db: Db, project: ProjectRow, who: Who): Promise<void> {
  if ((await visibleLayer(db, project, who)) !== null) throw blindRefusal();
}

export const blindRefusal = () => new KodaError('coders.blind', {}, 'forbidden');

/** Whether `who` may act as owner: they own the project, or (in the CLI) it has no owner yet. */
export const mayManage = isOwner;

/**
 * Refuses an action reserved for the project's owner (without naming them: see
 * assertMaySeeAllLayers); returns the owner's coder name to record.
 */
export async function assertOwner(db: Db, project: ProjectRow, who: Who): Promise<string> {
  if (!(await isOwner(db, project, who))) throw new KodaError('coders.not-owner', {}, 'forbidden');
  return (await projectOwner(db, project)) ?? who.actor;
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
