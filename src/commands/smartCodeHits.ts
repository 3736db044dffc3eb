import { z } from 'zod';
import { printQuery } from '../core/codingQuery/ast.js';
import { AnalysisFilter } from './helpers/analysisFilter.js';
import { findSmartCode, queryPassages } from './helpers/codingQuery.js';
import type { CommandContext } from './helpers/context.js';
import { type CodingQueryResult, pageOfHits, QUERY_HITS_MAX } from './helpers/queryHits.js';
import { loadCodes, resolveProject } from './helpers/resolve.js';
import { shownExpression } from './helpers/smartCodes.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  smartCode: z.string(),
  /** Narrows the smart code's own filter further: its passages in this filter's sources, cases and speaker's turns. */
  filter: AnalysisFilter.optional(),
  limit: z.number().int().min(0).max(QUERY_HITS_MAX).default(500),
  offset: z.number().int().min(0).default(0),
});

/** A smart code's passages now, like a coding query's (runCodingQuery), so they serve as a code's segments do. */
export async function smartCodeHits(ctx: CommandContext, input: z.input<typeof Input>): Promise<CodingQueryResult> {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const row = await findSmartCode(db, project.id, args.smartCode);
  const found = await queryPassages(db, project, ctx, { kind: 'smart', ref: row.id }, args.filter ?? {});
  const [codes, smart] = await Promise.all([
    loadCodes(db, project.id),
    db.selectFrom('smart_codes').select(['id', 'name']).where('project_id', '=', project.id).execute(),
  ]);
  const expression = shownExpression(row.expression, codes, smart).expression;
  return {
    expression: expression || printQuery({ kind: 'smart', ref: row.name }),
    ...(await pageOfHits(db, project.id, found, args)),
  };
}
