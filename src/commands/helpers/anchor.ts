import { sql } from 'kysely';
import type { Anchor } from '../../core/anchoring/anchor.js';
import { contextRanges } from '../../core/anchoring/quoteSelector.js';
import { type TurnSpan, turnHolding } from '../../core/anchoring/turnHolding.js';
import { CodePointIndex, codePointOffset } from '../../core/text/codePoints.js';
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
 * on both engines), so a save touches only its own row and never loads the document. One
 * statement: the quote with its context is one cut (each cut of a long text reads it from the
 * start), and the turn that can hold the start (the last to begin at or before it) comes along.
 */
export async function anchorInStore(
  db: Db,
  sourceId: string,
  range: CodePointRange,
  textLength: CodePointOffset,
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
    .select([
      sql<string>`substr(sources.text, ${prefix.start + 1}, ${suffix.end - prefix.start})`.as('cut'),
      't.id as turn_id',
      't.start_offset as turn_start',
      't.end_offset as turn_end',
    ])
    .where('sources.id', '=', sourceId)
    .executeTakeFirstOrThrow();
  const cut = new CodePointIndex(row.cut);
  const at = (offset: CodePointOffset) => codePointOffset(offset - prefix.start);
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
