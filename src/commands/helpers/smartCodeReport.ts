import type { ReportConcept } from '../../formats/report/model.js';
import { printable } from '../../formats/report/model.js';
import { errorMessage, type Translate } from '../../i18n/index.js';
import type { ProjectRow } from '../../store/schema.js';
import type { AnalysisFilter } from './analysisFilter.js';
import type { CommandContext } from './context.js';
import { smartCodeQuotes } from './queryQuotes.js';
import { loadCodes } from './resolve.js';
import { shownExpression } from './smartCodes.js';

/**
 * The results draft's smart-code section: each smart code of the project, by name, with its
 * query as it reads now, its description, and its passages as quotes (the report's filter and
 * coder layer narrowing the smart code's own filter), each ending with the case's name. A smart
 * code that cannot run (a code it names was deleted) says why instead. Null when there are none.
 */
export async function smartCodeSection(
  ctx: CommandContext,
  project: ProjectRow,
  filter: AnalysisFilter,
  t: Translate,
): Promise<{ heading: string; concepts: ReportConcept[] } | null> {
  const { db } = ctx.store;
  const rows = await db.selectFrom('smart_codes').selectAll().where('project_id', '=', project.id).orderBy('name').execute();
  if (rows.length === 0) return null;
  const codes = await loadCodes(db, project.id);
  const concepts: ReportConcept[] = [];
  for (const row of rows) {
    const query = t('report|smart-query', { expression: shownExpression(row.expression, codes, rows).expression });
    const entry = { name: row.name, reference: row.description, codes: '', memos: [] };
    try {
      const { quotes } = await smartCodeQuotes(ctx, project, { smartCode: row.id, filter });
      const shown = quotes.map((q) => ({ text: printable(q.text), attribution: q.case ?? q.source, memo: '' }));
      concepts.push({ ...entry, definition: query, quotes: shown, empty: shown.length === 0 ? t('report|no-quotes') : '' });
    } catch (error) {
      const problem = t('report|smart-problem', { problem: errorMessage(error, t) });
      concepts.push({ ...entry, definition: `${query} ${problem}`, quotes: [], empty: '' });
    }
  }
  return { heading: t('report|smart-codes'), concepts };
}
