import { offsetAfter, type TextChange } from '../anchoring/textChange.js';
import type { SpeakerTurn } from './turns.js';

/** A stored turn as an edit sees it: its id, place (code points), speaker and times. */
export interface StoredTurn extends SpeakerTurn {
  id: string;
}

/** A turn of the edited text; `id` is the stored turn it continues (its case link goes with it), null for a new one. */
export interface EditedTurn extends SpeakerTurn {
  id: string | null;
}

/**
 * The turns of a text after an edit (pure). When the text marks its turns (speaker labels that
 * `detectTurns` reads), they are `detected` in the new text; one that starts where a stored turn
 * of the same speaker now starts continues it, and keeps its times where the text carries none
 * (a subtitle's cue times live only in the turns). When the text never marked them (an importer
 * found them: subtitle voice tags) and still does not, the stored turns move with the text
 * instead, a turn the change swallowed whole dropped.
 */
export function turnsAfterEdit(
  stored: readonly StoredTurn[],
  detected: readonly SpeakerTurn[],
  change: TextChange,
  textMarkedTurns: boolean,
): EditedTurn[] {
  if (detected.length === 0 && !textMarkedTurns) return movedTurns(stored, change);
  const byNewStart = new Map<number, StoredTurn>();
  for (const t of stored) {
    if (t.start < change.start || t.start >= change.oldEnd) byNewStart.set(offsetAfter(change, t.start), t);
  }
  return detected.map((t) => {
    const old = byNewStart.get(t.start);
    if (!old || old.speaker !== t.speaker) return { ...t, id: null };
    return { ...t, id: old.id, startMs: t.startMs ?? old.startMs, endMs: t.endMs ?? old.endMs };
  });
}

function movedTurns(stored: readonly StoredTurn[], change: TextChange): EditedTurn[] {
  const endAfter = (end: number) => (end > change.start && end < change.oldEnd ? change.newEnd : offsetAfter(change, end));
  return stored.map((t) => ({ ...t, start: offsetAfter(change, t.start), end: endAfter(t.end) })).filter((t) => t.end > t.start);
}
