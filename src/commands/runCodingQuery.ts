import { z } from 'zod';
import { printQuery } from '../core/codingQuery/ast.js';
import { parseQuery } from '../core/codingQuery/parse.js';
import { firstNotBefore } from '../core/codingQuery/spans.js';
import { CodePointIndex } from '../core/text/codePoints.js';
import type { Db } from '../store/db.js';
import { AnalysisFilter } from './helpers/analysisFilter.js';
import { hitCodes, type QueryPassages, queryPassages } from './helpers/codingQuery.js';
import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

/** The most hits one call lists (all are counted). */
export const QUERY_HITS_MAX = 10_000;

export const Input = z.object({
  project: z.string(),
  /** In Koda's coding query language (core/codingQuery/parse.ts). */
  expression: z.string().max(10_000),
  filter: AnalysisFilter.optional(),
  limit: z.number().int().min(0).max(QUERY_HITS_MAX).default(500),
  offset: z.number().int().min(0).default(0),
});

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

/** Runs a coding query: its passages in reading order (by source name, then place), a page of them. */
export async function runCodingQuery(ctx: CommandContext, input: z.input<typeof Input>): Promise<CodingQueryResult> {
  const args = parseInput(Input, input);
  const query = parseQuery(args.expression);
  const project = await resolveProject(ctx.store.db, args.project);
  const found = await queryPassages(ctx.store.db, project, ctx, query, args.filter ?? {});
  return { expression: printQuery(query), ...(await pageOfHits(ctx.store.db, project.id, found, args)) };
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
