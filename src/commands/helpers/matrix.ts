import { z } from 'zod';
import { notFound } from '../../core/errors.js';
import { attributeColumns, buildMatrix, indexTallies, type MatrixColumn, matrixRows } from '../../core/queries/matrix.js';
import { AnalysisFilter, resolveFilter } from './analysisFilter.js';
import type { CommandContext } from './context.js';
import { filteredTallies } from './filteredTallies.js';
import { asCodeNodes, casesWithAttributes, countedLayers } from './queryData.js';
import { loadCodes, resolveProject } from './resolve.js';
import { smartCodeRows } from './smartCodeRows.js';

export const MatrixInput = z.object({
  project: z.string(),
  /** Codes (the leaves), categories or themes (sums of the codes below them). */
  rows: z.enum(['codes', 'categories', 'themes']).default('codes'),
  /** `cases`, or `attr:NAME` for the values of a case attribute (e.g. `attr:stadsdel`). */
  columns: z
    .string()
    .regex(/^(cases|attr:.+)$/, 'cases or attr:NAME')
    .default('cases'),
  measure: z.enum(['count', 'chars', 'presence', 'cases']).default('count'),
  /** Only this coder's layer. */
  coder: z.string().optional(),
  /**
   * Smart codes (by name or id) as rows after the codebook's, counted like codes
   * (helpers/smartCodeRows.ts); one alone may come as a string (a query parameter given once).
   */
  smartCodes: z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.string()).optional()),
  /** Only the segments this filter lets through; its cases only as columns (helpers/analysisFilter.ts). */
  filter: AnalysisFilter.optional(),
});

/** A matrix query, validated (see MatrixInput). */
export type MatrixArgs = z.output<typeof MatrixInput>;

/**
 * A code × case or code × attribute-value matrix (see core/queries/matrix.ts for the measures).
 * The segments are tallied in one indexed GROUP BY; rows and columns are built in memory. A
 * column "no case" appears when some segments belong to no case; every case appears, coded or not.
 */
export async function computeMatrix(ctx: CommandContext, args: MatrixArgs) {
  const { project, filter, tallies, people, rows, columns, attribute } = await matrixAxes(ctx, args);
  const { measure } = args;
  const index = indexTallies(tallies);
  const cells = buildMatrix(rows, columns, index, measure);
  const all: MatrixColumn = { key: '*', label: '', caseIds: [...people.cases.map((c) => c.id), null] };
  const totals = buildMatrix(rows, [all], index, measure).map((r) => r[0] as number);
  return {
    project: { id: project.id, name: project.name, language: project.language },
    rowLevel: args.rows,
    columnKind: attribute === null ? ('cases' as const) : ('attribute' as const),
    attribute,
    measure: args.measure,
    coder: args.coder ?? null,
    /** The filter the matrix was built with, by name (nothing filtered: all lists empty). */
    filter: filter.described,
    rows: rows.map((r) => ({ id: r.id, name: r.name, path: r.path, color: r.color })),
    columns: columns.map((c) => ({
      key: c.key,
      label: c.label,
      /** A column of segments belonging to no case; or of cases without a value for the attribute. */
      empty: c.caseIds.includes(null) ? ('no-case' as const) : c.label === '' ? ('no-value' as const) : null,
      cases: c.caseIds.filter((id) => id !== null).length,
    })),
    cells,
    /** The measure over all cases, per row. */
    totals,
  };
}

/**
 * A matrix's rows (each with the codes it sums) and columns (each with the cases it holds; null
 * for segments of no case), with the tallies they are counted from: what a cell means, for the
 * matrix and for the quotes behind a cell (exportQuotes).
 */
export async function matrixAxes(ctx: CommandContext, args: MatrixArgs) {
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const layers = await countedLayers(db, project, ctx, args.coder);
  const filter = await resolveFilter(db, project.id, args.filter);
  const [codes, tallies, everyone] = await Promise.all([
    loadCodes(db, project.id),
    filteredTallies(db, project.id, layers, filter),
    casesWithAttributes(db, project.id),
  ]);
  const people = filter.caseIds ? { ...everyone, cases: everyone.cases.filter((c) => filter.caseIds?.has(c.id)) } : everyone;
  const nodes = asCodeNodes(codes);
  const coded = new Set(tallies.map((t) => t.codeId));
  const rows = matrixRows(nodes, args.rows, coded);
  if (args.smartCodes?.length) {
    const smart = await smartCodeRows(ctx, project, args.smartCodes, args.filter, args.coder);
    rows.push(...smart.rows);
    tallies.push(...smart.tallies);
  }
  const noCase = tallies.some((t) => t.caseId === null);
  let columns: MatrixColumn[];
  let attribute: string | null = null;
  if (args.columns === 'cases') {
    columns = people.cases.map((c) => ({ key: c.id, label: c.name, caseIds: [c.id] }));
    if (noCase) columns.push({ key: '', label: '', caseIds: [null] });
  } else {
    const name = args.columns.slice('attr:'.length).trim();
    const def = people.attributes.find((a) => a.name.toLowerCase() === name.toLowerCase());
    if (!def) throw notFound('attribute.not-found', { attribute: name });
    attribute = def.name;
    columns = attributeColumns(
      people.cases.map((c) => ({ id: c.id, value: c.attributes[def.name] ?? null })),
      def.type === 'choice' ? def.choices : [],
      '',
    );
    if (noCase) columns.push({ key: '\u0000', label: '', caseIds: [null] });
  }
  return { project, layers, filter, tallies, people, rows, columns, attribute };
}

export type CodeMatrix = Awaited<ReturnType<typeof computeMatrix>>;
