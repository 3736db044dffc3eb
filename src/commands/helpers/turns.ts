import type { Db } from '../../store/db.js';
import { inPages, PAGE_ROWS } from './pages.js';

/**
 * A source's speaker turns in order, each with the name of the case that speaks it. Read in
 * pages through the index by source and start (a subtitle file has 200,000 turns: issue 13, no
 * long read in one go); `pageRows` is for tests.
 */
export async function sourceTurns(db: Db, sourceId: string, pageRows = PAGE_ROWS) {
  const turns: Turn[] = [];
  const pages = inPages<Row>((after, limit) => {
    let query = db
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
      .where('t.source_id', '=', sourceId);
    if (after)
      query = query.where((eb) => eb(eb.refTuple('t.start_offset', 't.id'), '>', eb.tuple(after.start_offset, after.id)));
    return query.orderBy('t.start_offset').orderBy('t.id').limit(limit).execute();
  }, pageRows);
  for await (const page of pages) for (const t of page) turns.push(asTurn(t));
  // Turns follow the text, so start order is their order; two at the same start are put right here.
  if (turns.some((t, i) => i > 0 && (turns[i - 1] as Turn).position > t.position)) turns.sort((a, b) => a.position - b.position);
  return turns;
}

interface Row {
  id: string;
  position: number;
  start_offset: number;
  end_offset: number;
  speaker: string | null;
  start_ms: number | null;
  end_ms: number | null;
  case_name: string | null;
}

type Turn = ReturnType<typeof asTurn>;

const asTurn = (t: Row) => ({
  id: t.id,
  position: t.position,
  start: t.start_offset,
  end: t.end_offset,
  speaker: t.speaker,
  case: t.case_name ?? null,
  startMs: t.start_ms,
  endMs: t.end_ms,
});
