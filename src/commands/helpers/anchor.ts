import { sql } from 'kysely';
import type { Anchor } from '../../core/anchoring/anchor.js';
import { contextRanges } from '../../core/anchoring/quoteSelector.js';
import { type TurnSpan, turnHolding } from '../../core/anchoring/turnHolding.js';
import { CodePointIndex, codePointOffset } from '../../core/text/codePoints.js';
import type { CodePointOffset, CodePointRange } from '../../core/text/offsetUnits.js';
import type { Db } from '../../store/db.js';
import { LONGEST_KEPT_TEXT, recentTexts } from './recentTexts.js';

/** A stored turn row as anchoring sees it: the store's offsets are code points. */
export const turnSpan = (row: { id: string; start_offset: number; end_offset: number }): TurnSpan => ({
  id: row.id,
  start: codePointOffset(row.start_offset),
  end: codePointOffset(row.end_offset),
});

/**
 * The anchor of a range of a stored source. The text is cut in memory when a recent save kept it
 * (recentTexts.ts, by content hash: never stale), otherwise by the database, whose substr counts
 * code points on both engines; a text short enough to keep is then read whole once and kept. The
 * first statement reads the source's hash and the turn that can hold the start (the last to
 * begin at or before it), not its text. `longestKept` is for tests, to reach the database's cut.
 */
export async function anchorInStore(
  db: Db,
  sourceId: string,
  range: CodePointRange,
  textLength: CodePointOffset,
  { longestKept = LONGEST_KEPT_TEXT }: { longestKept?: number } = {},
): Promise<Anchor> {
  const { prefix, suffix } = contextRanges(range, textLength);
  const turnAt = db
    .selectFrom('turns')
    .select('turns.id')
    .where('turns.source_id', '=', sourceId)
    .where('turns.start_offset', '<=', range.start)
    .orderBy('turns.start_offset', 'desc')
    .limit(1);
  const row = await db
    .selectFrom('sources')
    .leftJoin('turns as t', (join) => join.on('t.id', '=', turnAt))
    .select(['sources.text_hash', 't.id as turn_id', 't.start_offset as turn_start', 't.end_offset as turn_end'])
    .where('sources.id', '=', sourceId)
    .executeTakeFirstOrThrow();
  const span = { start: prefix.start, end: suffix.end };
  const { cut, from } = await cutOf(db, sourceId, row.text_hash, textLength <= longestKept, span);
  const at = (offset: CodePointOffset) => codePointOffset(offset - from);
  const turns =
    row.turn_id === null
      ? []
      : [turnSpan({ id: row.turn_id, start_offset: Number(row.turn_start), end_offset: Number(row.turn_end) })];
  return {
    selector: {
      exact: cut.slice(at(range.start), at(range.end)),
      prefix: cut.slice(at(prefix.start), at(prefix.end)),
      suffix: cut.slice(at(suffix.start), at(suffix.end)),
    },
    turnId: turnHolding(turns, range.start),
  };
}

/** The text around `span` (code points), as an index and the code point it starts at. */
async function cutOf(
  db: Db,
  sourceId: string,
  hash: string,
  keep: boolean,
  span: CodePointRange,
): Promise<{ cut: CodePointIndex; from: number }> {
  const kept = recentTexts.get(hash);
  if (kept) return { cut: kept, from: 0 };
  if (keep) {
    const { text, text_hash } = await db
      .selectFrom('sources')
      .select(['text', 'text_hash'])
      .where('id', '=', sourceId)
      .executeTakeFirstOrThrow();
    return { cut: recentTexts.remember(text_hash, text), from: 0 };
  }
  const { cut } = await db
    .selectFrom('sources')
    .select(sql<string>`substr(sources.text, ${span.start + 1}, ${span.end - span.start})`.as('cut'))
    .where('id', '=', sourceId)
    .executeTakeFirstOrThrow();
  return { cut: new CodePointIndex(cut), from: span.start };
}
