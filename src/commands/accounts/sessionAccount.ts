import { sql } from 'kysely';
import type { Db } from '../../store/db.js';
import { statementTemplate } from '../../store/statementTemplate.js';
import type { Role } from '../actions.js';
import type { CommandContext, SignedInAccount } from '../helpers/context.js';
import { memberRole, roleFrom } from '../helpers/members.js';
import { projectIdOf } from '../helpers/resolve.js';
import { IDLE_MINUTES, sessionId, signedIn } from '../helpers/sessions.js';
import { signInAccountExists } from './mode.js';

// A session's last use is written at most once a minute: a request is a read, not a write.
const SEEN_EVERY_MS = 60_000;

/** Who a session is and, when `project` names one, their role in it. */
export interface SessionAccess {
  account: SignedInAccount | null;
  /** The account's role in `project`: null when they have none or no such project exists; absent when not asked. */
  role?: Role | null;
}

/** The session's account as sessionAccess reads it, without a project (the values are stand-ins: statementTemplate). */
const sessionStatement = (db: Db, v: { id: string; notExpiredAt: string }) =>
  db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select(['accounts.id', 'accounts.name', 'accounts.kind', 'sessions.last_seen_at'])
    .select(signInAccountExists().as('accounts_mode'))
    .where('sessions.id', '=', v.id)
    .where('sessions.expires_at', '>', v.notExpiredAt)
    .where('accounts.disabled_at', 'is', null);

/** Every request asks for its session: one shape, compiled once. */
const sessionOnly = statementTemplate((db, v: { id: string; notExpiredAt: string }) =>
  sessionStatement(db, v).select([sql<string | null>`null`.as('project_id'), sql<string | null>`null`.as('member_role')]),
);

/** A project request's session with the project's id (null: no such project) and the account's membership role there. */
const sessionInProject = statementTemplate((db, v: { id: string; notExpiredAt: string; project: string }) => {
  const projectId = projectIdOf(db, v.project);
  return sessionStatement(db, v).select((eb) => [
    projectId.as('project_id'),
    memberRole(db, projectId.$asScalar(), eb.ref('accounts.id')).as('member_role'),
  ]);
});

/**
 * The account a session token belongs to; null when unknown, expired, unused for longer than
 * IDLE_MINUTES or the account is disabled. The laptop's person (local mode) has no idle limit:
 * their session needs no secret to start again, so it lets no one in once the server is in
 * accounts mode (mode.ts; `oidc`: an identity provider is configured). A session in use is kept
 * alive. With it, the account's role in the project named by id or name, in one statement:
 * the server asks both before every project request. The rule is members.ts's (memberRole, roleFrom):
 * a member's role, everything for the laptop's person, nothing where no such project exists.
 */
export async function sessionAccess(
  ctx: CommandContext,
  token: string,
  { oidc = false, project }: { oidc?: boolean; project?: string } = {},
): Promise<SessionAccess> {
  const { db } = ctx.store;
  const id = sessionId(token);
  const now = Date.now();
  const values = { id, notExpiredAt: new Date(now).toISOString() };
  const [row] = project === undefined ? await sessionOnly(db, values) : await sessionInProject(db, { ...values, project });
  if (!row) return { account: null };
  if (row.kind === 'local' && (oidc || row.accounts_mode)) return { account: null };
  const seen = row.last_seen_at ? Date.parse(row.last_seen_at) : 0;
  if (row.kind !== 'local' && now - seen > IDLE_MINUTES * 60_000) return { account: null };
  if (now - seen > SEEN_EVERY_MS)
    await db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(now).toISOString() })
      .where('id', '=', id)
      .execute();
  const account = signedIn(row);
  if (project === undefined) return { account };
  return { account, role: row.project_id === null ? null : roleFrom(account, row.member_role) };
}
