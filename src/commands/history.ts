import { z } from 'zod';
import { invalid, KodaError } from '../core/errors.js';
import { changedId, parseChanges, replayChanges, revertChanges, serializeChanges } from '../store/changes.js';
import { actionSpec, isActionName, STALE_KEYS } from './actions.js';
import { type CommandContext, type CommittedEvent, closeChange } from './helpers/context.js';
import { visibleLayer } from './helpers/layers.js';
import { assertMayAct } from './helpers/members.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

/**
 * Undo and redo: one mechanism for every command. Each command left a history entry of row
 * changes; undo reverts the newest done entry, redo replays the oldest undone one. Both refuse,
 * changing nothing, if the rows were changed since by something outside the history.
 */
export async function undo(ctx: CommandContext, input: z.input<typeof Input>) {
  return step(ctx, input, 'undo');
}

export async function redo(ctx: CommandContext, input: z.input<typeof Input>) {
  return step(ctx, input, 'redo');
}

/** The audit action of each direction. */
const STEP = { undo: 'history.undo', redo: 'history.redo' } as const;

async function step(ctx: CommandContext, input: z.input<typeof Input>, direction: 'undo' | 'redo') {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const result = await ctx.store.db.transaction().execute(async (trx) => {
    const entry = await trx
      .selectFrom('history_entries')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('state', '=', direction === 'undo' ? 'done' : 'undone')
      .orderBy('seq', direction === 'undo' ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst();
    if (!entry)
      throw invalid(direction === 'undo' ? 'history.nothing-to-undo' : 'history.nothing-to-redo', { project: project.name });
    // Stepping over another coder's change would show what it was, or undo blind mode itself.
    if (entry.actor !== ctx.actor && (await visibleLayer(trx, project, ctx)) !== null)
      throw new KodaError('history.blind-other', { project: project.name }, 'forbidden');
    // Stepping over an action takes the role the action itself needs: a coder cannot undo an
    // owner's withdrawal of a source or their consent record.
    if (isActionName(entry.action)) await assertMayAct(trx, project, ctx.account, entry.action);
    const changes = parseChanges(entry.changes);
    if (direction === 'undo') {
      const captured = await revertChanges(trx, changes);
      await trx
        .updateTable('history_entries')
        .set({ state: 'undone', changes: serializeChanges(captured) })
        .where('id', '=', entry.id)
        .execute();
    } else {
      const replayed = await replayChanges(trx, changes);
      await trx
        .updateTable('history_entries')
        .set({ state: 'done', changes: serializeChanges(replayed) })
        .where('id', '=', entry.id)
        .execute();
    }
    const objectIds = [...new Set(changes.map(changedId))];
    const event: CommittedEvent = { projectId: project.id, action: STEP[direction], stale: staleOf(entry.action), objectIds };
    await closeChange(trx, ctx.store.engine, event, {
      projectId: project.id,
      actor: ctx.actor,
      action: STEP[direction],
      objectIds: objectIds.slice(0, 1000),
      details: { action: entry.action, changes: changes.length },
    });
    return { action: entry.action, changes: changes.length, event };
  });
  ctx.onCommitted?.(result.event);
  return { action: result.action, changes: result.changes };
}

/**
 * What stepping over an entry leaves stale: its action's declaration. An entry of an action no
 * longer declared (an older Koda's) may have touched anything.
 */
function staleOf(action: string) {
  return isActionName(action) ? [...actionSpec(action).stale] : [...STALE_KEYS];
}

/**
 * The project's recent history, newest first, for an undo menu. In blind mode a coder other
 * than the owner sees only their own entries.
 */
export async function listHistory(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const only = await visibleLayer(db, project, ctx);
  let query = db
    .selectFrom('history_entries')
    .select(['seq', 'action', 'state', 'actor', 'created_at'])
    .where('project_id', '=', project.id);
  if (only !== null) query = query.where('actor', '=', only);
  const rows = await query.orderBy('seq', 'desc').limit(100).execute();
  return rows.map((r) => ({ seq: r.seq, action: r.action, state: r.state, actor: r.actor, at: r.created_at }));
}
