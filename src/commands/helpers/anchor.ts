import { sql } from 'kysely';
import type { Anchor } from '../../core/anchoring/anchor.js';
import { contextRanges } from '../../core/anchoring/quoteSelector.js';
import { type TurnSpan, turnHolding } from '../../core/anchoring/turnHolding.js';
import { codePointOffset } from '../../core/text/codePoints.js';
import type { CodePointOffset, CodePointRange } from '../../core/text/offsetUnits.js';
import type { Db } from '../../store/db.js';

/** A stored turn row as anchoring sees it: the store's offsets are code points. */
export const turnSpan = (row: { id: string; start_offset: number; end_offset: number }): TurnSpan => ({
  id: row.id,
  start: codePointOffset(row.start_offset),
  end: codePointOffset(row.end_offset),
});

/**
 * The anchor of a range of a stored source, cut out by the database (substr counts code points
 * on both engines), so a save touches only its own row and never loads the document.
 */
export async function anchorInStore(
  db: Db,
  sourceId: string,
  range: CodePointRange,
  textLength: CodePointOffset,
): Promise<Anchor> {
  const { prefix, suffix } = contextRanges(range, textLength);
  const cut = (r: CodePointRange) => sql<string>`substr(text, ${r.start + 1}, ${r.end - r.start})`;
  const selector = await db
    .selectFrom('sources')
    .select([cut(range).as('exact'), cut(prefix).as('prefix'), cut(suffix).as('suffix')])
    .where('id', '=', sourceId)
    .executeTakeFirstOrThrow();
  // The one turn that can hold the start: the last to begin at or before it.
  const candidate = await db
    .selectFrom('turns')
    .select(['id', 'start_offset', 'end_offset'])
    .where('source_id', '=', sourceId)
    .where('start_offset', '<=', range.start)
    .orderBy('start_offset', 'desc')
    .limit(1)
    .executeTakeFirst();
  const turns = candidate ? [turnSpan(candidate)] : [];
  return {
    selector: { exact: selector.exact, prefix: selector.prefix, suffix: selector.suffix },
    turnId: turnHolding(turns, range.start),
  };
}
