import { type StemLanguage, stemmer } from '../queries/stemming.js';
import { words } from '../queries/words.js';

/**
 * Where each question of an interview guide was asked in a transcript, by word overlap: the
 * question's stemmed words (core/queries/stemming.ts) found in a turn, each weighted by how rare
 * it is among the guide's questions (`ln(1 + Q / df)`, Q questions, df of them holding the stem),
 * so "boendesegregation" in one question counts for more than "du", which every question has.
 * A turn's score is the weight of the question's stems it holds over the weight of all of them:
 * 1 when the turn holds every word of the question, 0 when none. The best turn wins, the earlier
 * on a tie; a question counts as asked from `ASKED_SCORE` up.
 */
export interface GuideQuestionText {
  id: string;
  text: string;
}

export interface TurnText {
  id: string;
  text: string;
}

export interface LocatedQuestion {
  questionId: string;
  /** The best turn, or null when no turn holds any word of the question. */
  turnId: string | null;
  /** 0–1, rounded to two decimals. */
  score: number;
}

/** Half the question's weight: a reworded question still counts, a shared topic word alone does not. */
export const ASKED_SCORE = 0.5;

export function locateQuestions(
  questions: readonly GuideQuestionText[],
  turns: readonly TurnText[],
  language: StemLanguage,
): LocatedQuestion[] {
  const stem = stemmer(language);
  const stemsOf = (text: string) => new Set(words(text).map((w) => stem(w.text)));
  const questionStems = questions.map((q) => stemsOf(q.text));
  const weight = stemWeights(questionStems);
  const turnStems = turns.map((t) => stemsOf(t.text));
  return questions.map((q, i) => {
    const stems = questionStems[i] as Set<string>;
    let whole = 0;
    for (const s of stems) whole += weight.get(s) ?? 0;
    let best = { turnId: null as string | null, held: 0 };
    turnStems.forEach((held, j) => {
      let sum = 0;
      for (const s of stems) if (held.has(s)) sum += weight.get(s) ?? 0;
      if (sum > best.held) best = { turnId: (turns[j] as TurnText).id, held: sum };
    });
    const score = whole > 0 ? Math.round((best.held / whole) * 100) / 100 : 0;
    return { questionId: q.id, turnId: best.turnId, score };
  });
}

function stemWeights(questionStems: Set<string>[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const stems of questionStems) for (const s of stems) df.set(s, (df.get(s) ?? 0) + 1);
  const n = questionStems.length;
  return new Map([...df].map(([s, d]) => [s, Math.log((n + 1) / d)]));
}
