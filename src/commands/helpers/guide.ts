import { ASKED_SCORE, type LocatedQuestion, locateQuestions } from '../../core/guide/locate.js';
import type { StemLanguage } from '../../core/queries/stemming.js';
import { CodePointIndex, codePointOffset } from '../../core/text/codePoints.js';
import { speakerRole } from '../../core/transcript/roles.js';
import type { Db } from '../../store/db.js';

/** A version of the guide with its questions in order. */
export interface GuideVersion {
  id: string;
  name: string;
  effectiveFrom: string;
  questions: { id: string; position: number; text: string }[];
}

/** The project's guide versions, oldest first (by the day each took effect, then by name). */
export async function loadGuide(db: Db, projectId: string): Promise<GuideVersion[]> {
  const versions = await db
    .selectFrom('guide_versions')
    .select(['id', 'name', 'effective_from'])
    .where('project_id', '=', projectId)
    .orderBy('effective_from')
    .orderBy('name')
    .execute();
  const entries = await db
    .selectFrom('guide_entries as e')
    .innerJoin('guide_versions as v', 'v.id', 'e.version_id')
    .innerJoin('guide_questions as q', 'q.id', 'e.question_id')
    .select(['e.version_id', 'e.position', 'q.id', 'q.text'])
    .where('v.project_id', '=', projectId)
    .orderBy('e.position')
    .execute();
  return versions.map((v) => ({
    id: v.id,
    name: v.name,
    effectiveFrom: v.effective_from,
    questions: entries.filter((e) => e.version_id === v.id).map((e) => ({ id: e.id, position: e.position, text: e.text })),
  }));
}

/**
 * The version an interview used: the one logged for it; else the newest that had taken effect on
 * the interview's date; else, with no date logged, the newest. `logged` tells the first from the others.
 */
export function guideVersionOf(
  guide: GuideVersion[],
  interview: { guideVersionId: string | null; heldOn: string | null },
): { version: GuideVersion; logged: boolean } | null {
  const logged = guide.find((v) => v.id === interview.guideVersionId);
  if (logged) return { version: logged, logged: true };
  const candidates = interview.heldOn ? guide.filter((v) => v.effectiveFrom <= (interview.heldOn as string)) : guide;
  const newest = candidates.at(-1);
  return newest ? { version: newest, logged: false } : null;
}

/** Every question of the guide once, the newest version's order first, then those only older versions had. */
export function allQuestions(guide: GuideVersion[]): { id: string; text: string; versions: string[] }[] {
  const out = new Map<string, { id: string; text: string; versions: string[] }>();
  for (const v of [...guide].reverse()) {
    for (const q of v.questions) {
      const known = out.get(q.id);
      if (known) known.versions.unshift(v.name);
      else out.set(q.id, { id: q.id, text: q.text, versions: [v.name] });
    }
  }
  return [...out.values()];
}

/** A turn of a transcript as the guide panel shows it. */
export interface PlacedTurn {
  id: string;
  position: number;
  start: number;
  end: number;
}

/** Where a question was asked in one interview: confirmed by a person, or located by word overlap. */
export interface QuestionPlace {
  questionId: string;
  turn: PlacedTurn | null;
  score: number;
  asked: boolean;
  confirmed: boolean;
  /** Who confirmed it; null when unconfirmed, or when blind mode hides another coder's name. */
  confirmedBy: string | null;
}

/**
 * Where each of `questions` was asked in a source: the turn a person confirmed, while it exists;
 * else the interviewer's turn that holds most of the question's words (core/guide/locate.ts).
 * A source with no interviewer's turn has no place for any question.
 */
export async function placeQuestions(
  db: Db,
  sourceId: string,
  questions: { id: string; text: string }[],
  language: StemLanguage,
): Promise<QuestionPlace[]> {
  const { turns, interviewerTurns } = await interviewerTurnsOf(db, sourceId);
  const located = locateQuestions(questions, interviewerTurns, language);
  const confirmed = await db
    .selectFrom('question_places')
    .select(['question_id', 'turn_id', 'confirmed_by'])
    .where('source_id', '=', sourceId)
    .execute();
  const byId = new Map(turns.map((t) => [t.id, t]));
  return located.map((l: LocatedQuestion) => {
    const mark = confirmed.find((c) => c.question_id === l.questionId && byId.has(c.turn_id));
    if (mark) {
      return {
        questionId: l.questionId,
        turn: byId.get(mark.turn_id) ?? null,
        score: 1,
        asked: true,
        confirmed: true,
        confirmedBy: mark.confirmed_by,
      };
    }
    const turn = l.turnId ? (byId.get(l.turnId) ?? null) : null;
    return { questionId: l.questionId, turn, score: l.score, asked: l.score >= ASKED_SCORE, confirmed: false, confirmedBy: null };
  });
}

async function interviewerTurnsOf(db: Db, sourceId: string) {
  const rows = await db
    .selectFrom('turns')
    .select(['id', 'position', 'start_offset', 'end_offset', 'speaker'])
    .where('source_id', '=', sourceId)
    .orderBy('position')
    .execute();
  const turns: PlacedTurn[] = rows.map((t) => ({ id: t.id, position: t.position, start: t.start_offset, end: t.end_offset }));
  const asking = rows.filter((t) => speakerRole(t.speaker) === 'interviewer');
  if (asking.length === 0) return { turns, interviewerTurns: [] };
  const { text } = await db.selectFrom('sources').select('text').where('id', '=', sourceId).executeTakeFirstOrThrow();
  const index = new CodePointIndex(text);
  const interviewerTurns = asking.map((t) => ({
    id: t.id,
    text: index.slice(codePointOffset(t.start_offset), codePointOffset(t.end_offset)),
  }));
  return { turns, interviewerTurns };
}

/** Whether a source is an interview the guide could be asked in: an interviewer speaks in it. */
export async function interviewSources(db: Db, projectId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('sources as s')
    .innerJoin('turns as t', 't.source_id', 's.id')
    .select(['s.id', 't.speaker'])
    .distinct()
    .where('s.project_id', '=', projectId)
    .where('t.speaker', 'is not', null)
    .execute();
  return [...new Set(rows.filter((r) => speakerRole(r.speaker) === 'interviewer').map((r) => r.id))];
}

/**
 * How many interviews each question was asked in, of the interviews there are (the sources an
 * interviewer speaks in): "asked in 5 of 8 interviews".
 */
export async function guideCoverage(db: Db, projectId: string, guide: GuideVersion[], language: StemLanguage) {
  const questions = allQuestions(guide);
  const sources = await interviewSources(db, projectId);
  const asked = new Map(questions.map((q) => [q.id, 0]));
  for (const sourceId of sources) {
    for (const place of await placeQuestions(db, sourceId, questions, language)) {
      if (place.asked) asked.set(place.questionId, (asked.get(place.questionId) ?? 0) + 1);
    }
  }
  return { interviews: sources.length, questions: questions.map((q) => ({ ...q, asked: asked.get(q.id) ?? 0 })) };
}
