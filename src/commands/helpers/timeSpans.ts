import { type TimedTurn, type TimeSpan, timeSpan } from '../../core/transcript/timeSpan.js';
import type { Db } from '../../store/db.js';

/**
 * Where coded text is heard: the timed turns of a project's sources that have a recording (a
 * span is only worth showing when there is something to play), read once per answer.
 */
export class TimeSpans {
  private constructor(private readonly turns: Map<string, TimedTurn[]>) {}

  /** The timed turns of `projectId`'s recorded sources (of `sourceId` alone, when given). */
  static async load(db: Db, projectId: string, sourceId?: string): Promise<TimeSpans> {
    let query = db
      .selectFrom('turns as t')
      .innerJoin('recordings as r', 'r.source_id', 't.source_id')
      .select(['t.source_id', 't.start_offset as start', 't.end_offset as end', 't.start_ms as startMs', 't.end_ms as endMs'])
      .where('r.project_id', '=', projectId);
    if (sourceId) query = query.where('t.source_id', '=', sourceId);
    const turns = new Map<string, TimedTurn[]>();
    for (const { source_id, ...turn } of await query.orderBy('t.source_id').orderBy('t.start_offset').execute()) {
      const list = turns.get(source_id);
      if (list) list.push(turn);
      else turns.set(source_id, [turn]);
    }
    return new TimeSpans(turns);
  }

  /** The span of `[start, end)` of source `sourceId`; null without a recording or times there. */
  of(sourceId: string, range: { start: number; end: number }): TimeSpan | null {
    const turns = this.turns.get(sourceId);
    return turns ? timeSpan(range, turns) : null;
  }
}
