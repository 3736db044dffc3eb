import { printQuery } from '../../core/codingQuery/ast.js';
import { parseQuery } from '../../core/codingQuery/parse.js';
import { firstNotBefore } from '../../core/codingQuery/spans.js';
import { CodePointIndex } from '../../core/text/codePoints.js';
import type { Quote } from '../../formats/quoteList.js';
import type { ProjectRow } from '../../store/schema.js';
import type { AnalysisFilter } from './analysisFilter.js';
import { findSmartCode, hitCodes, type QueryPassages, queryPassages } from './codingQuery.js';
import type { CommandContext } from './context.js';
import type { Gathered } from './quotes.js';

/**
 * The quotes of a coding query or a smart code: every passage it finds (helpers/codingQuery.ts),
 * in reading order, each attributed as runCodingQuery's hits are (the case and speaker of the
 * turn it starts in, else the source's case; the codes whose segments made it). A passage may be
 * made of several layers' segments: its quote names no single coder, and carries no memo (memos
 * are on segments).
 */
async function asQuotes(ctx: CommandContext, project: ProjectRow, found: QueryPassages): Promise<Quote[]> {
  const { db } = ctx.store;
  const cases = new Map(
    (await db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', project.id).execute()).map((c) => [
      c.id,
      c.name,
    ]),
  );
  const quotes: Quote[] = [];
  for (const source of found.sources) {
    if (source.passages.length === 0) continue;
    const { text } = await db.selectFrom('sources').select('text').where('id', '=', source.id).executeTakeFirstOrThrow();
    const index = new CodePointIndex(text);
    for (const p of source.passages) {
      const turn = source.turns[firstNotBefore(source.turns, (t) => t.end <= p.start)];
      const inTurn = turn && turn.start <= p.start ? turn : undefined;
      const caseId = inTurn?.caseId ?? source.caseId;
      quotes.push({
        source: source.name,
        case: caseId === null ? null : (cases.get(caseId) ?? null),
        speaker: inTurn?.speaker ?? null,
        coder: '',
        codes: hitCodes(p, source, found.codeNames),
        text: index.slice(p.start, p.end),
        memo: '',
        start: p.start,
        end: p.end,
      });
    }
  }
  return quotes;
}

/** A coding query's quotes; the export's filter narrows the query's own, field by field. */
export async function queryQuotes(
  ctx: CommandContext,
  project: ProjectRow,
  args: { expression: string; filter?: AnalysisFilter | undefined; narrowing: AnalysisFilter },
): Promise<Gathered> {
  const query = parseQuery(args.expression);
  const found = await queryPassages(ctx.store.db, project, ctx, query, { ...(args.filter ?? {}), ...args.narrowing });
  return { quotes: await asQuotes(ctx, project, found), of: printQuery(query), objectIds: [] };
}

/** A smart code's quotes as its passages are now (its own filter applies, narrowed by the export's). */
export async function smartCodeQuotes(
  ctx: CommandContext,
  project: ProjectRow,
  args: { smartCode: string; filter: AnalysisFilter },
): Promise<Gathered> {
  const row = await findSmartCode(ctx.store.db, project.id, args.smartCode);
  const found = await queryPassages(ctx.store.db, project, ctx, { kind: 'smart', ref: row.id }, args.filter);
  return { quotes: await asQuotes(ctx, project, found), of: row.name, objectIds: [row.id] };
}
