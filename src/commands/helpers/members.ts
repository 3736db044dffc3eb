import { type Expression, sql } from 'kysely';
import { conflict, KodaError, notFound } from '../../core/errors.js';
import type { ChangeRecorder } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import { newId, nowIso } from '../../store/ids.js';
import type { AccountRow, ProjectRow } from '../../store/schema.js';
import { type ActionName, actionSpec, type Role } from '../actions.js';
import type { SignedInAccount } from './context.js';

type Person = Pick<SignedInAccount, 'id' | 'kind'>;

/**
 * Who may do what in a project: each account's role there (owner, coder, viewer), or none. The
 * server's access hook and the blind-mode rules of layers.ts read it.
 */

export const ROLES = ['viewer', 'coder', 'owner'] as const satisfies readonly Role[];

/** Whether `held` is at least `needed`: owner ⊇ coder ⊇ viewer. */
export const roleSuffices = (held: Role, needed: Role) => ROLES.indexOf(held) >= ROLES.indexOf(needed);

/**
 * The person's role in a project, or null for no access. A local account is the laptop's own
 * user, who owns every project of the embedded store (anyone who reaches 127.0.0.1 is them).
 */
export async function projectRole(db: Db, projectId: string, person: Person): Promise<Role | null> {
  if (person.kind === 'local') return 'owner';
  const row = await db.selectNoFrom(memberRole(db, sql.val(projectId), sql.val(person.id)).as('role')).executeTakeFirst();
  return roleFrom(person, row?.role ?? null);
}

/** The role a person holds given their membership's (null: none): a local account owns everything. */
export const roleFrom = (person: Pick<Person, 'kind'>, memberRole: string | null): Role | null =>
  person.kind === 'local' ? 'owner' : (memberRole as Role | null);

/**
 * An account's membership role in a project as a subquery (null: not a member), for statements
 * that find it with something else: the access check of every request is one statement.
 */
export const memberRole = (db: Db, projectId: Expression<string>, accountId: Expression<string>) =>
  db
    .selectFrom('members')
    .select('members.role')
    .where('members.project_id', '=', projectId)
    .where('members.account_id', '=', accountId)
    .limit(1);

/** The ids of the projects a person may open (null: all of them, for a local account). */
export async function memberProjectIds(db: Db, person: Person): Promise<Set<string> | null> {
  if (person.kind === 'local') return null;
  const rows = await db.selectFrom('members').select('project_id').where('account_id', '=', person.id).execute();
  return new Set(rows.map((r) => r.project_id));
}

/** An account by its name (the person's coder name), refused when there is none. */
export async function resolveAccount(db: Db, name: string): Promise<AccountRow> {
  const row = await db.selectFrom('accounts').selectAll().where('name', '=', name).executeTakeFirst();
  if (!row) throw notFound('member.no-account', { name });
  return row;
}

/** How many owners a project has: the last one may not leave or step down. */
async function ownerCount(db: Db, projectId: string): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', projectId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A project's member by their account's name. */
export async function resolveMember(db: Db, projectId: string, name: string) {
  const row = await db
    .selectFrom('members as m')
    .innerJoin('accounts as a', 'a.id', 'm.account_id')
    .select(['m.id', 'm.account_id', 'm.role', 'a.name'])
    .where('m.project_id', '=', projectId)
    .where('a.name', '=', name)
    .executeTakeFirst();
  if (!row) throw notFound('member.not-found', { name });
  return row;
}

/** Refuses to take away the last owner: a project without one could never be managed again. */
export async function assertNotLastOwner(db: Db, projectId: string, member: { role: string }): Promise<void> {
  if (member.role === 'owner' && (await ownerCount(db, projectId)) <= 1) throw conflict('member.last-owner', {});
}

/**
 * Refuses a signed-in person whose role in the project is below what the action needs (no
 * access at all reads as a project that does not exist). The CLI, the operator, has no account
 * and every right.
 */
export async function assertMayAct(db: Db, project: ProjectRow, account: Person | undefined, action: ActionName): Promise<void> {
  if (!account) return;
  const role = await projectRole(db, project.id, account);
  if (!role) throw notFound('project.not-found', { project: project.name });
  if (!roleSuffices(role, actionSpec(action).role)) throw roleRefusal();
}

export const roleRefusal = () => new KodaError('auth.role', {}, 'forbidden');

/** Whoever creates a project (or imports one) owns it, when they are a signed-in person. */
export async function addCreatorAsOwner(w: ChangeRecorder, projectId: string, account: Person | undefined): Promise<void> {
  if (!account) return;
  await w.insert('members', { id: newId(), project_id: projectId, account_id: account.id, role: 'owner', created_at: nowIso() });
}
