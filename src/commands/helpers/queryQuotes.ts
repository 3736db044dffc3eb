import type { Quote } from '../../formats/quoteList.js';
import type { ProjectRow } from '../../store/schema.js';
import { type CodingQueryHit, type CodingQueryResult, QUERY_HITS_MAX, runCodingQuery } from '../runCodingQuery.js';
import { smartCodeHits } from '../smartCodeHits.js';
import type { AnalysisFilter } from './analysisFilter.js';
import type { CommandContext } from './context.js';
import type { Gathered } from './quotes.js';

/**
 * The quotes of a coding query or a smart code: its passages (runCodingQuery, smartCodeHits), in
 * reading order, every one of them (read a page of QUERY_HITS_MAX at a time). A passage may be
 * made of several codes' and layers' segments: its quote names the codes and no single coder,
 * and carries no memo (memos are on segments).
 */
const asQuote = (h: CodingQueryHit): Quote => ({
  source: h.sourceName,
  case: h.caseName,
  speaker: h.speaker,
  coder: '',
  codes: h.codes,
  text: h.text,
  memo: '',
  start: h.start,
  end: h.end,
});

async function allPages(page: (offset: number) => Promise<CodingQueryResult>): Promise<{ expression: string; quotes: Quote[] }> {
  const first = await page(0);
  const quotes = first.hits.map(asQuote);
  while (quotes.length < first.total) {
    const next = await page(quotes.length);
    if (next.hits.length === 0) break;
    for (const h of next.hits) quotes.push(asQuote(h));
  }
  return { expression: first.expression, quotes };
}

/** A coding query's quotes; the export's filter narrows the query's own, field by field. */
export async function queryQuotes(
  ctx: CommandContext,
  project: ProjectRow,
  args: { expression: string; filter?: AnalysisFilter | undefined; narrowing: AnalysisFilter },
): Promise<Gathered> {
  const filter = { ...(args.filter ?? {}), ...args.narrowing };
  const { expression, quotes } = await allPages((offset) =>
    runCodingQuery(ctx, { project: project.id, expression: args.expression, filter, limit: QUERY_HITS_MAX, offset }),
  );
  return { quotes, of: expression, objectIds: [] };
}

/** A smart code's quotes (its own filter applies, narrowed by the export's). */
export async function smartCodeQuotes(
  ctx: CommandContext,
  project: ProjectRow,
  args: { smartCode: string; filter: AnalysisFilter },
): Promise<Gathered> {
  const row = await ctx.store.db
    .selectFrom('smart_codes')
    .select(['id', 'name'])
    .where('project_id', '=', project.id)
    .where((eb) => eb.or([eb('id', '=', args.smartCode), eb('name', '=', args.smartCode)]))
    .executeTakeFirst();
  const { quotes } = await allPages((offset) =>
    smartCodeHits(ctx, { project: project.id, smartCode: args.smartCode, filter: args.filter, limit: QUERY_HITS_MAX, offset }),
  );
  return { quotes, of: row?.name ?? args.smartCode, objectIds: row ? [row.id] : [] };
}
