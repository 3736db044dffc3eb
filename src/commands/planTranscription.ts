import { z } from 'zod';
import { invalid, notFound } from '../core/errors.js';
import type { PlanChoice } from '../core/planning/plan.js';
import { splitPoints } from '../core/planning/splitPoints.js';
import type { ChangeRecorder } from '../store/changes.js';
import type { Db } from '../store/db.js';
import { newId, nowIso } from '../store/ids.js';
import { balanceOffThread } from './helpers/balanceOffThread.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { interviewLog } from './helpers/interviewLog.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { loadTranscriptionPlan } from './helpers/transcriptionPlan.js';
import { name, parseInput } from './helpers/validate.js';

/** Deviations within a minute count as balanced: the thesis split its work "by minutes". */
export const PLAN_TOLERANCE_MS = 60_000;

export const Input = z.object({
  project: z.string(),
  transcribers: z
    .array(z.object({ name, share: z.number().positive().max(1000).optional() }))
    .min(1)
    .max(20),
  /** The interviews to plan, by source name or id; all that have a length when left out. */
  sources: z.array(z.string()).optional(),
});

/**
 * Plans who transcribes what (issue 15): the interviews' lengths (a recording's, else the one typed
 * in the interview log) split between the transcribers by their shares, whole interviews or an
 * interview cut once at a turn boundary (core/planning/balance.ts states the objective). Replaces
 * the project's plan; a part marked done in the old plan starts undone.
 */
export async function planTranscription(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const names = args.transcribers.map((t) => t.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw invalid('plan.transcriber-twice', { name: twice });
  const project = await resolveProject(ctx.store.db, args.project);
  const interviews = await interviewsToPlan(ctx.store.db, project.id, args.sources);
  const turns = await turnStarts(
    ctx.store.db,
    interviews.map((i) => i.id),
  );
  // Searched before the transaction, so no write waits for it.
  const plan = await balanceOffThread({
    interviews: interviews.map((i) => ({ lengthMs: i.lengthMs, splitPointsMs: splitPoints(i.lengthMs, turns.get(i.id) ?? []) })),
    shares: args.transcribers.map((t) => t.share ?? 1),
    toleranceMs: PLAN_TOLERANCE_MS,
  });
  return runCommand(ctx, { action: 'transcription.plan', projectId: project.id }, async (w) => {
    await refuseDeletedMeanwhile(
      w.trx,
      interviews.map((i) => i.id),
    );
    const planId = await replacePlan(w, project.id);
    const people = args.transcribers.map((t, position) => ({
      id: newId(),
      plan_id: planId,
      position,
      name: t.name,
      share: t.share ?? 1,
    }));
    await w.insert('transcription_transcribers', people);
    const parts = plan.choices.flatMap((choice, i) =>
      partsOf(choice, interviews[i]!.lengthMs).map((p) => ({
        id: newId(),
        plan_id: planId,
        transcriber_id: people[p.transcriber]!.id,
        source_id: interviews[i]!.id,
        start_ms: p.startMs,
        end_ms: p.endMs,
        done_at: null,
      })),
    );
    if (parts.length > 0) await w.insert('transcription_parts', parts);
    return {
      result: await loadTranscriptionPlan(w.trx, project.id),
      objectIds: [planId],
      details: { interviews: interviews.length, transcribers: people.length, splits: plan.splitInterviews },
    };
  });
}

/** The interviews with their lengths: the ones named, each of which needs a length, or all that have one. */
async function interviewsToPlan(db: Db, projectId: string, refs: string[] | undefined) {
  const withLength = new Map(
    (await interviewLog(db, projectId)).filter((e) => e.length && e.length.ms > 0).map((e) => [e.source.id, e.length!.ms]),
  );
  if (refs === undefined) {
    if (withLength.size === 0) throw invalid('plan.no-lengths', {});
    return [...withLength].map(([id, lengthMs]) => ({ id, lengthMs }));
  }
  const out: { id: string; lengthMs: number }[] = [];
  for (const ref of new Set(refs)) {
    const source = await resolveSource(db, projectId, ref);
    const lengthMs = withLength.get(source.id);
    if (lengthMs === undefined) throw invalid('plan.no-length', { source: source.name });
    if (!out.some((o) => o.id === source.id)) out.push({ id: source.id, lengthMs });
  }
  if (out.length === 0) throw invalid('plan.no-lengths', {});
  return out;
}

/** A source deleted while the plan was searched is named, rather than failing on its foreign key. */
async function refuseDeletedMeanwhile(db: Db, sourceIds: string[]) {
  const present = new Set((await db.selectFrom('sources').select('id').where('id', 'in', sourceIds).execute()).map((r) => r.id));
  const gone = sourceIds.find((id) => !present.has(id));
  if (gone !== undefined) throw notFound('source.not-found', { source: gone });
}

/** The start times of each source's turns, in order (null where a turn has none). */
async function turnStarts(db: Db, sourceIds: string[]) {
  const rows = await db
    .selectFrom('turns')
    .select(['source_id', 'start_ms'])
    .where('source_id', 'in', sourceIds)
    .orderBy('source_id')
    .orderBy('position')
    .execute();
  const out = new Map<string, (number | null)[]>();
  for (const r of rows) out.set(r.source_id, [...(out.get(r.source_id) ?? []), r.start_ms === null ? null : Number(r.start_ms)]);
  return out;
}

/** Deletes the project's plan, if any (recorded, so undo brings it back), and starts a new one. */
async function replacePlan(w: ChangeRecorder, projectId: string): Promise<string> {
  const old = await w.trx.selectFrom('transcription_plans').select('id').where('project_id', '=', projectId).executeTakeFirst();
  if (old) {
    const ids = async (table: 'transcription_parts' | 'transcription_transcribers') =>
      (await w.trx.selectFrom(table).select('id').where('plan_id', '=', old.id).execute()).map((r) => r.id);
    await w.delete('transcription_parts', await ids('transcription_parts'));
    await w.delete('transcription_transcribers', await ids('transcription_transcribers'));
    await w.delete('transcription_plans', [old.id]);
  }
  const id = newId();
  await w.insert('transcription_plans', { id, project_id: projectId, tolerance_ms: PLAN_TOLERANCE_MS, created_at: nowIso() });
  return id;
}

function partsOf(choice: PlanChoice, lengthMs: number) {
  if (choice.kind === 'whole') return [{ transcriber: choice.transcriber, startMs: 0, endMs: lengthMs }];
  return [
    { transcriber: choice.first, startMs: 0, endMs: choice.cutMs },
    { transcriber: choice.second, startMs: choice.cutMs, endMs: lengthMs },
  ];
}
