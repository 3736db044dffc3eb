import { planProgress, type TranscriberProgress } from '../../core/planning/progress.js';
import type { Db } from '../../store/db.js';

export interface PlanPartView {
  id: string;
  source: { id: string; name: string };
  transcriber: string;
  startMs: number;
  endMs: number;
  /** Whether the interview is split between two transcribers. */
  split: boolean;
  /** Marked transcribed, or its transcript verified against the recording. */
  done: boolean;
  doneBy: 'mark' | 'verified' | null;
}

export interface TranscriptionPlanView {
  plan: { createdAt: string; toleranceMs: number } | null;
  transcribers: ({ name: string; share: number } & TranscriberProgress)[];
  /** In the order of the interviews' names, each interview's parts by their start. */
  parts: PlanPartView[];
  /** How many interviews the plan covers, and how many of them are split. */
  interviews: number;
  splitInterviews: number;
  /** Sources the plan does not cover (added since, or without a length when it was made). */
  notPlanned: { id: string; name: string }[];
}

/** A project's current transcription plan with each transcriber's progress; the one reader of the plan tables. */
export async function loadTranscriptionPlan(db: Db, projectId: string): Promise<TranscriptionPlanView> {
  const plan = await db.selectFrom('transcription_plans').selectAll().where('project_id', '=', projectId).executeTakeFirst();
  const sources = await db
    .selectFrom('sources')
    .select(['id', 'name', 'verified_at'])
    .where('project_id', '=', projectId)
    .execute();
  if (!plan)
    return {
      plan: null,
      transcribers: [],
      parts: [],
      interviews: 0,
      splitInterviews: 0,
      notPlanned: sources.map(({ id, name }) => ({ id, name })),
    };
  const people = await db
    .selectFrom('transcription_transcribers')
    .selectAll()
    .where('plan_id', '=', plan.id)
    .orderBy('position')
    .execute();
  const rows = await db.selectFrom('transcription_parts').selectAll().where('plan_id', '=', plan.id).execute();
  const sourceOf = new Map(sources.map((s) => [s.id, s]));
  const index = new Map(people.map((p, i) => [p.id, i]));
  const partsPer = new Map<string, number>();
  for (const r of rows) partsPer.set(r.source_id, (partsPer.get(r.source_id) ?? 0) + 1);
  const parts = rows
    .map((r): PlanPartView => {
      const source = sourceOf.get(r.source_id);
      const doneBy = r.done_at ? 'mark' : source?.verified_at ? 'verified' : null;
      return {
        id: r.id,
        source: { id: r.source_id, name: source?.name ?? '' },
        transcriber: people[index.get(r.transcriber_id) ?? -1]?.name ?? '',
        startMs: Number(r.start_ms),
        endMs: Number(r.end_ms),
        split: (partsPer.get(r.source_id) ?? 0) > 1,
        done: doneBy !== null,
        doneBy,
      };
    })
    .sort((a, b) => compareText(a.source.name, b.source.name) || a.startMs - b.startMs);
  const who = new Map(rows.map((r) => [r.id, index.get(r.transcriber_id) ?? -1]));
  const progress = planProgress(
    people.map((p) => Number(p.share)),
    parts.map((p) => ({ ...p, transcriber: who.get(p.id) ?? -1 })),
  );
  return {
    plan: { createdAt: plan.created_at, toleranceMs: Number(plan.tolerance_ms) },
    transcribers: people.map((p, i) => ({ name: p.name, share: Number(p.share), ...progress[i]! })),
    parts,
    interviews: partsPer.size,
    splitInterviews: [...partsPer.values()].filter((n) => n > 1).length,
    notPlanned: sources.filter((s) => !partsPer.has(s.id)).map(({ id, name }) => ({ id, name })),
  };
}

// Code point order, as the store sorts names.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
