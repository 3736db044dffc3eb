import { type ExpressionBuilder, sql } from 'kysely';
import { changeClosing } from '../../store/changeFeed.js';
import { ChangeRecorder, serializeChanges } from '../../store/changes.js';
import type { Db, Engine, Store } from '../../store/db.js';
import { newId, nowIso } from '../../store/ids.js';
import type { Database } from '../../store/schema.js';
import { type ActionName, actionSpec, type StaleKey } from '../actions.js';

/** The signed-in person (a row of `accounts`); `actor` is then their name. */
export interface SignedInAccount {
  id: string;
  name: string;
  kind: string;
}

/** What every command runs with: the store and who is acting (a coder's name). */
export interface CommandContext {
  store: Store;
  actor: string;
  /** The signed-in person; absent in the CLI, the operator, whose actor is the `--coder`/OS user. */
  account?: SignedInAccount;
  /** Told after each committed change, for live updates. */
  onCommitted?: (event: CommittedEvent) => void;
  /** The secret of the pseudonym keys (store/pseudonymKey.ts), when the user has given it. */
  pseudonymSecret?: string;
  /** How long user regular expressions may run (regexGuard.ts); its default unless set. */
  regexBudgetMs?: number;
  /** The largest recording kept, in bytes (uploadLimit.ts); its default unless set. */
  recordingLimitBytes?: number;
  /** Set on a worker thread running a long command (offThread.ts): it runs here, not on another. */
  onWorkerThread?: boolean;
}

/** A committed change, told to live views as plain JSON. */
export interface CommittedEvent {
  projectId: string | null;
  action: ActionName;
  /** What views showing the project must load again (for undo and redo: the step's action's). */
  stale: StaleKey[];
  objectIds: string[];
  /** Set when the ids were too many to tell through the database: it may concern anything of its stale kinds. */
  objectIdsOmitted?: true;
}

export interface CommandOutcome<T> {
  result: T;
  /** Ids of the objects the command touched, for the audit log (never text). */
  objectIds: string[];
  /** Counts and flags for the audit log (never text). */
  details?: Record<string, string | number | boolean>;
  /** For commands that find their project inside the transaction, or create it. */
  projectId?: string;
}

export interface CommandSpec {
  /** The user action (declared in actions.ts), e.g. `segment.apply`; names the audit event and the history entry. */
  action: ActionName;
  projectId: string | null;
  /** Run the action and roll it back: a preview of what it would do (e.g. before confirming). */
  dryRun?: boolean;
}

/** Carries a dry run's outcome out of the transaction it rolls back. */
class DryRun<T> {
  constructor(readonly result: T) {}
}

/**
 * Runs one user action as one transaction: the action's writes, its history entry (what undoes
 * it) and its audit event commit together or not at all.
 */
export async function runCommand<T>(
  ctx: CommandContext,
  spec: CommandSpec,
  body: (w: ChangeRecorder) => Promise<CommandOutcome<T>>,
): Promise<T> {
  let outcome: Awaited<ReturnType<typeof transact<T>>>;
  try {
    outcome = await transact(ctx, spec, body);
  } catch (e) {
    if (e instanceof DryRun) return e.result as T;
    throw e;
  }
  ctx.onCommitted?.(outcome.event);
  return outcome.result;
}

function transact<T>(ctx: CommandContext, spec: CommandSpec, body: (w: ChangeRecorder) => Promise<CommandOutcome<T>>) {
  return ctx.store.db.transaction().execute(async (trx) => {
    const writer = new ChangeRecorder(trx);
    const out = await body(writer);
    if (spec.dryRun) throw new DryRun(out.result);
    const projectId = out.projectId ?? spec.projectId;
    const event: CommittedEvent = {
      projectId: projectId ?? null,
      action: spec.action,
      stale: [...actionSpec(spec.action).stale],
      objectIds: out.objectIds,
    };
    const audit: AuditInput = {
      projectId,
      actor: ctx.actor,
      actorId: ctx.account?.id,
      action: spec.action,
      objectIds: out.objectIds,
      details: out.details,
    };
    if (actionSpec(spec.action).undoable && projectId && writer.changes.length > 0) {
      const changes = serializeChanges(writer.changes);
      await closeUndoable(trx, ctx.store.engine, event, { ...auditValues(audit), projectId, entryId: newId(), changes });
    } else {
      await closeChange(trx, ctx.store.engine, event, audit);
    }
    return { ...out, event };
  });
}

/**
 * How many steps back undo reaches. Older entries are dropped: the history holds copies of
 * deleted rows, and a study's data should not live on in it longer than it helps.
 */
export const HISTORY_LIMIT = 500;

/** What a history entry is made of; `at` is when, shared with the change's audit event. */
interface HistoryValues {
  entryId: string;
  projectId: string;
  action: ActionName;
  changes: string;
  actor: string;
  at: string;
}

/**
 * The statement adding a history entry, numbered after every entry of the project (an undone
 * step dropped by `trimHistory` leaves its number unused). It runs beside `trimHistory` in one
 * statement on PostgreSQL (changeClosing), so neither may depend on the other having run.
 */
function historyEntry(db: Db, v: HistoryValues) {
  return db
    .insertInto('history_entries')
    .columns(['id', 'project_id', 'seq', 'action', 'changes', 'state', 'actor', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('history_entries as h')
        .select([
          eb.val(v.entryId).as('id'),
          eb.val(v.projectId).as('project_id'),
          sql<number>`coalesce(max(h.seq), 0) + 1`.as('seq'),
          eb.val(v.action).as('action'),
          eb.val(v.changes).as('changes'),
          eb.val('done').as('state'),
          eb.val(v.actor).as('actor'),
          eb.val(v.at).as('created_at'),
        ])
        .where('h.project_id', '=', v.projectId),
    );
}

/**
 * A new action (history entry `entryId`) ends the redo branch: entries undone before it can
 * no longer be redone. Of the others the newest HISTORY_LIMIT - 1 stay, with the new one. The new
 * entry is left out by id, so this gives the same whether it runs before or after `historyEntry`.
 */
function trimHistory(db: Db, v: Pick<HistoryValues, 'projectId' | 'entryId'>) {
  const oldestKept = (eb: ExpressionBuilder<Database, 'history_entries'>) =>
    eb
      .selectFrom('history_entries as h')
      .select('h.seq')
      .where('h.project_id', '=', v.projectId)
      .where('h.state', '=', 'done')
      .where('h.id', '<>', v.entryId)
      .orderBy('h.seq', 'desc')
      .limit(1)
      .offset(HISTORY_LIMIT - 2);
  return db
    .deleteFrom('history_entries')
    .where('project_id', '=', v.projectId)
    .where('id', '<>', v.entryId)
    .where((eb) => eb.or([eb('state', '=', 'undone'), eb('seq', '<', oldestKept(eb))]));
}

export interface AuditInput {
  projectId: string | null | undefined;
  actor: string;
  /** The signed-in account that acted (CommandContext.account); none for the CLI. */
  actorId?: string | undefined;
  action: ActionName;
  objectIds: string[];
  details?: Record<string, string | number | boolean> | undefined;
}

/** An audit event's row values, the action checked: the log names declared actions only. */
type AuditValues = ReturnType<typeof auditValues>;

function auditValues(e: AuditInput) {
  actionSpec(e.action); // throws for an undeclared action
  return {
    auditId: newId(),
    projectId: e.projectId ?? null,
    at: nowIso(),
    actor: e.actor,
    actorId: e.actorId ?? null,
    action: e.action,
    objectIds: JSON.stringify(e.objectIds),
    details: JSON.stringify(e.details ?? {}),
  };
}

/** The statement writing an audit event (changeClosing runs it with the change's announcement). */
function auditEvent(db: Db, v: AuditValues) {
  return db.insertInto('audit_events').values({
    id: v.auditId,
    project_id: v.projectId,
    at: v.at,
    actor: v.actor,
    actor_id: v.actorId,
    action: v.action,
    object_ids: v.objectIds,
    details: v.details,
  });
}

/** An undoable change closes with its history entry (the redo branch and the oldest entries trimmed) and its audit event. */
const closeUndoable = changeClosing<HistoryValues & AuditValues>([historyEntry, trimHistory, auditEvent]);

const closeAudited = changeClosing<AuditValues>([auditEvent]);

/** Closes any other change, an undo or redo among them, with its audit event alone. */
export const closeChange = (db: Db, engine: Engine, event: CommittedEvent, audit: AuditInput) =>
  closeAudited(db, engine, event, auditValues(audit));

export async function writeAudit(db: Db, e: AuditInput): Promise<void> {
  await auditEvent(db, auditValues(e)).execute();
}
