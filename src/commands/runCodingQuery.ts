import { z } from 'zod';
import { printQuery } from '../core/codingQuery/ast.js';
import { parseQuery } from '../core/codingQuery/parse.js';
import { AnalysisFilter } from './helpers/analysisFilter.js';
import { queryPassages } from './helpers/codingQuery.js';
import type { CommandContext } from './helpers/context.js';
import { type CodingQueryResult, pageOfHits, QUERY_HITS_MAX } from './helpers/queryHits.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export type { CodingQueryHit, CodingQueryResult } from './helpers/queryHits.js';
export { QUERY_HITS_MAX };

export const Input = z.object({
  project: z.string(),
  /** In Koda's coding query language (core/codingQuery/parse.ts). */
  expression: z.string().max(10_000),
  filter: AnalysisFilter.optional(),
  limit: z.number().int().min(0).max(QUERY_HITS_MAX).default(500),
  offset: z.number().int().min(0).default(0),
});

/** Runs a coding query: its passages in reading order (by source name, then place), a page of them. */
export async function runCodingQuery(ctx: CommandContext, input: z.input<typeof Input>): Promise<CodingQueryResult> {
  const args = parseInput(Input, input);
  const query = parseQuery(args.expression);
  const project = await resolveProject(ctx.store.db, args.project);
  const found = await queryPassages(ctx.store.db, project, ctx, query, args.filter ?? {});
  return { expression: printQuery(query), ...(await pageOfHits(ctx.store.db, project.id, found, args)) };
}
