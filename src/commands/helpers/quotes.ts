import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import type { Quote } from '../../formats/quoteList.js';
import type { ProjectRow } from '../../store/schema.js';
import { type AnalysisFilter, passes, resolveFilter } from './analysisFilter.js';
import type { CommandContext } from './context.js';
import { MatrixInput, matrixAxes } from './matrix.js';
import { resolveCode } from './resolve.js';
import { findSegments } from './retrieval.js';

/**
 * Whose quotes: a matrix cell is its row (a code, category or theme: by id, name or path) and its
 * column (a case, or an attribute value: by key or label) in a matrix of `rows` × `columns`, in
 * one coder's layer or all.
 */
export const MatrixCell = MatrixInput.pick({ rows: true, columns: true, coder: true }).extend({
  row: z.string(),
  column: z.string(),
});
export type MatrixCell = z.output<typeof MatrixCell>;

/** Quotes gathered, with the names of what they are quotes of (for a title and a file name). */
export interface Gathered {
  quotes: Quote[];
  /** What the quotes are of, e.g. `hinder` or `hinder × Kerstin`. */
  of: string;
  /** Ids for the audit entry (never text). */
  objectIds: string[];
}

type Segment = Awaited<ReturnType<typeof findSegments>>[number];

/** A retrieved segment as a quote. */
const asQuote = (s: Segment): Quote => ({
  source: s.source.name,
  case: s.case?.name ?? null,
  speaker: s.speaker,
  coder: s.coder,
  codes: [s.code.name],
  text: s.text,
  memo: s.memo,
  start: s.start,
  end: s.end,
});

/**
 * The quotes of a code: its segments as retrieval lists them (a category's are its codes'
 * quotes too, unless `includeDescendants` is off), in reading order, those the filter passes.
 */
export async function codeQuotes(
  ctx: CommandContext,
  project: ProjectRow,
  args: { code: string; includeDescendants: boolean; filter: AnalysisFilter },
): Promise<Gathered> {
  const code = await resolveCode(ctx.store.db, project.id, args.code);
  const segments = await findSegments(ctx, { project: project.id, code: code.id, includeDescendants: args.includeDescendants });
  const kept = await filtered(ctx, project.id, segments, args.filter);
  return { quotes: kept.map(asQuote), of: code.name, objectIds: [code.id] };
}

/**
 * The quotes behind a matrix cell: the segments the cell counts (helpers/matrix.ts says which:
 * the row's codes, in the column's cases; a segment's case is its turn's, else its source's).
 */
export async function cellQuotes(
  ctx: CommandContext,
  project: ProjectRow,
  args: { cell: MatrixCell; filter: AnalysisFilter },
): Promise<Gathered> {
  const { cell } = args;
  const axes = await matrixAxes(ctx, {
    project: project.id,
    rows: cell.rows,
    columns: cell.columns,
    coder: cell.coder,
    measure: 'count',
  });
  const row =
    axes.rows.find((r) => r.id === cell.row) ?? axes.rows.find((r) => r.name === cell.row || r.path.join(' / ') === cell.row);
  if (!row) throw notFound('quotes.row-not-found', { row: cell.row });
  const column =
    axes.columns.find((c) => c.key === cell.column) ?? axes.columns.find((c) => c.label !== '' && c.label === cell.column);
  if (!column) throw notFound('quotes.column-not-found', { column: cell.column });
  const members = new Set(row.members);
  const cases = new Set(column.caseIds);
  const segments = await findSegments(ctx, {
    project: project.id,
    code: row.id,
    includeDescendants: row.members.length > 1,
    coder: cell.coder,
  });
  const inCell = segments.filter((s) => members.has(s.code.id) && cases.has(s.case?.id ?? null));
  const kept = await filtered(ctx, project.id, inCell, args.filter);
  return { quotes: kept.map(asQuote), of: column.label ? `${row.name} × ${column.label}` : row.name, objectIds: [row.id] };
}

/** The segments the analysis filter passes (all when it rules nothing out). */
async function filtered(ctx: CommandContext, projectId: string, segments: Segment[], filter: AnalysisFilter): Promise<Segment[]> {
  const resolved = await resolveFilter(ctx.store.db, projectId, filter);
  if (!resolved.active) return segments;
  const coders = await ctx.store.db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', projectId).execute();
  const coderId = new Map(coders.map((k) => [k.name, k.id]));
  return segments.filter((s) =>
    passes(resolved, {
      sourceId: s.source.id,
      caseId: s.case?.id ?? null,
      coderId: coderId.get(s.coder) ?? '',
      speaker: s.speaker,
    }),
  );
}
