import type { Db } from '../../store/db.js';

/** A source's speaker turns in order, each with the name of the case that speaks it. */
export async function sourceTurns(db: Db, sourceId: string) {
  const turns = await db
    .selectFrom('turns as t')
    .leftJoin('cases as c', 'c.id', 't.case_id')
    .select([
      't.id',
      't.position',
      't.start_offset',
      't.end_offset',
      't.speaker',
      't.start_ms',
      't.end_ms',
      'c.name as case_name',
    ])
    .where('t.source_id', '=', sourceId)
    .orderBy('t.position')
    .execute();
  return turns.map((t) => ({
    id: t.id,
    position: t.position,
    start: t.start_offset,
    end: t.end_offset,
    speaker: t.speaker,
    case: t.case_name ?? null,
    startMs: t.start_ms,
    endMs: t.end_ms,
  }));
}
