import { firstNotBefore } from '../../core/codingQuery/spans.js';
import { CodePointIndex } from '../../core/text/codePoints.js';
import type { Db } from '../../store/db.js';
import { hitCodes, type QueryPassages } from './codingQuery.js';

/** The most hits one call lists (all are counted). */
export const QUERY_HITS_MAX = 10_000;

/**
 * A passage a coding query found: `[start, end)` in code points of the source's canonical text,
 * its text, the case and speaker of the turn it starts in (else the source's case), and the codes
 * whose segments made it (none for a passage found by NOT alone).
 */
export interface CodingQueryHit {
  sourceId: string;
  sourceName: string;
  caseId: string | null;
  caseName: string | null;
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  codes: string[];
}

export interface CodingQueryResult {
  /** The query in its normal form. */
  expression: string;
  total: number;
  hits: CodingQueryHit[];
}

/** A page of the passages found, as hits with their text, case, speaker and codes. */
export async function pageOfHits(
  db: Db,
  projectId: string,
  found: QueryPassages,
  page: { limit: number; offset: number },
): Promise<{ total: number; hits: CodingQueryHit[] }> {
  const total = found.sources.reduce((n, s) => n + s.passages.length, 0);
  const cases = new Map(
    (await db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', projectId).execute()).map((c) => [
      c.id,
      c.name,
    ]),
  );
  const hits: CodingQueryHit[] = [];
  let skip = page.offset;
  for (const source of found.sources) {
    if (hits.length >= page.limit) break;
    if (skip >= source.passages.length) {
      skip -= source.passages.length;
      continue;
    }
    const wanted = source.passages.slice(skip, skip + page.limit - hits.length);
    skip = 0;
    const { text } = await db.selectFrom('sources').select('text').where('id', '=', source.id).executeTakeFirstOrThrow();
    const index = new CodePointIndex(text);
    for (const p of wanted) {
      const turn = source.turns[firstNotBefore(source.turns, (t) => t.end <= p.start)];
      const inTurn = turn && turn.start <= p.start ? turn : undefined;
      const caseId = inTurn?.caseId ?? source.caseId;
      hits.push({
        sourceId: source.id,
        sourceName: source.name,
        caseId,
        caseName: caseId === null ? null : (cases.get(caseId) ?? null),
        start: p.start,
        end: p.end,
        text: index.slice(p.start, p.end),
        speaker: inTurn?.speaker ?? null,
        codes: hitCodes(p, source, found.codeNames),
      });
    }
  }
  return { total, hits };
}
