import { sentences, turnContent } from '../autocode/units.js';
import { paragraphs } from '../queries/paragraphs.js';
import { CodePointIndex, utf16Range } from '../text/codePoints.js';
import { speakerRole } from '../transcript/roles.js';

/**
 * The passages "find more like this" ranks: `sentence` (the sentences of autocode/units.ts) or
 * `turn` (a speaker turn without its label; a source without turns has paragraphs instead).
 * Interviewer turns are left out: researchers code what participants say, and a question
 * ("what obstacles do you meet?") shares the very words of its answer. Ranges are code points of
 * the source's canonical text, half-open, in reading order.
 */
export type SuggestUnitKind = 'sentence' | 'turn';
export const SUGGEST_UNIT_KINDS: readonly SuggestUnitKind[] = ['sentence', 'turn'];

export interface UnitTurn {
  /** Code points, half-open. */
  start: number;
  end: number;
  speaker: string | null;
}

export interface UnitRange {
  start: number;
  end: number;
}

export function suggestUnits(text: string, turns: readonly UnitTurn[], kind: SuggestUnitKind): UnitRange[] {
  const index = new CodePointIndex(text);
  const asked = turns.filter((t) => speakerRole(t.speaker) === 'interviewer');
  const toCp = (r: { start: number; end: number }) => ({ start: index.toCodePoint(r.start), end: index.toCodePoint(r.end) });
  if (kind === 'turn') {
    if (turns.length === 0) return paragraphs(text).map((p) => ({ start: p.start, end: p.end }));
    return turns
      .filter((t) => speakerRole(t.speaker) !== 'interviewer')
      .map((t) => {
        const content = turnContent(text, utf16Range(index.toUtf16(t.start), index.toUtf16(t.end)), t.speaker);
        let end: number = content.end;
        while (end > content.start && /\s/.test(text.charAt(end - 1))) end--;
        return toCp({ start: content.start, end });
      })
      .filter((r) => r.end > r.start);
  }
  return sentences(text)
    .map(toCp)
    .filter((r) => !asked.some((t) => t.start <= r.start && r.end <= t.end));
}
