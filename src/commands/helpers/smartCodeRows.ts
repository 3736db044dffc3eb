import { firstNotBefore } from '../../core/codingQuery/spans.js';
import type { MatrixRow } from '../../core/queries/matrix.js';
import type { ProjectRow } from '../../store/schema.js';
import type { AnalysisFilter } from './analysisFilter.js';
import { findSmartCode, queryPassages } from './codingQuery.js';
import type { CommandContext } from './context.js';
import type { Tally } from './queryData.js';

/**
 * Smart codes as rows of a matrix, counted like codes: each passage a smart code finds is one
 * "segment" of its row, of the case of the turn it starts in (else its source's case), its length
 * its coded characters. The smart code runs with its own filter, cut to the matrix's filter; the
 * matrix's coder counts unless the smart code names coders of its own. A row's id is the smart
 * code's id, and it sums only itself.
 */
export async function smartCodeRows(
  ctx: CommandContext,
  project: ProjectRow,
  refs: readonly string[],
  filter: AnalysisFilter = {},
  coder?: string,
): Promise<{ rows: MatrixRow[]; tallies: Tally[] }> {
  const rows: MatrixRow[] = [];
  const tallies: Tally[] = [];
  const outer = coder === undefined ? filter : { ...filter, coders: [coder] };
  for (const ref of refs) {
    const smart = await findSmartCode(ctx.store.db, project.id, ref);
    rows.push({ id: smart.id, name: smart.name, path: [smart.name], color: smart.color, members: [smart.id] });
    const found = await queryPassages(ctx.store.db, project, ctx, { kind: 'smart', ref: smart.id }, outer);
    for (const source of found.sources) {
      const perCase = new Map<string | null, Tally>();
      for (const p of source.passages) {
        const turn = source.turns[firstNotBefore(source.turns, (t) => t.end <= p.start)];
        const caseId = (turn && turn.start <= p.start ? turn.caseId : null) ?? source.caseId;
        const t = perCase.get(caseId) ?? { codeId: smart.id, sourceId: source.id, caseId, count: 0, chars: 0 };
        t.count += 1;
        t.chars += p.end - p.start;
        perCase.set(caseId, t);
      }
      tallies.push(...perCase.values());
    }
  }
  return { rows, tallies };
}
