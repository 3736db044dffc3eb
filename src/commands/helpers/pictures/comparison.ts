import { z } from 'zod';
import { columnShares, comparisonScene } from '../../../core/pictures/comparison.js';
import { type Language, translator } from '../../../i18n/index.js';
import { AnalysisFilter } from '../analysisFilter.js';
import { columnLabel } from '../chartSpecs.js';
import type { CommandContext } from '../context.js';
import { computeMatrix } from '../matrix.js';
import { resolveProject } from '../resolve.js';
import { parseInput } from '../validate.js';

export const ComparisonInput = z.object({
  project: z.string(),
  /** Themes (the top of the codebook) or categories, each summing the codes below it. */
  rows: z.enum(['themes', 'categories']).default('themes'),
  /** Only this coder's layer. */
  coder: z.string().optional(),
  /** Only the segments this filter lets through (helpers/analysisFilter.ts); only its cases as columns. */
  filter: AnalysisFilter.optional(),
  /** Labels in this language (default: the project's). */
  language: z.enum(['sv', 'en']).optional(),
});

/**
 * The case × theme comparison (core/pictures/comparison.ts): the themes' (or categories')
 * coded characters per case, from the matrix command, and each one's share of the case's coding.
 * Every case is a column, coded or not; a last column holds segments of no case when there are any.
 */
export async function drawComparison(ctx: CommandContext, input: z.input<typeof ComparisonInput>) {
  const args = parseInput(ComparisonInput, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const t = translator(args.language ?? (project.language as Language));
  const matrix = await computeMatrix(ctx, {
    project: project.id,
    rows: args.rows,
    columns: 'cases',
    measure: 'chars',
    coder: args.coder,
    filter: args.filter,
  });
  const columns = matrix.columns.map((c) => ({ key: c.key, label: columnLabel(c, t) }));
  const rows = matrix.rows.map((r) => ({ id: r.id, name: r.name, color: r.color }));
  const scene = comparisonScene({
    title: t(`pictures|comparison-title|${args.rows}`),
    rows,
    columns,
    chars: matrix.cells,
    labels: { cell: (row, column, percent) => t('pictures|cell-tip', { row, column, percent }) },
  });
  return {
    rowLevel: args.rows,
    coder: args.coder ?? null,
    /** The filter it was drawn with, by name. */
    filter: matrix.filter,
    rows,
    columns,
    chars: matrix.cells,
    shares: columnShares(matrix.cells, columns.length),
    scene,
  };
}

export type CaseComparison = Awaited<ReturnType<typeof drawComparison>>;
