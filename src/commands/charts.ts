import { z } from 'zod';
import { type ChartSpec, frequencyBars, frequencyItems, heatmap } from '../core/charts/options.js';
import { chartSvg } from '../formats/charts.js';
import { type Language, type Translate, translator } from '../i18n/index.js';
import { type CodeCooccurrence, codeCooccurrence } from './codeCooccurrence.js';
import { type CodeFrequency, codeFrequencies } from './codeFrequencies.js';
import { type CodeMatrix, codeMatrix, Input as MatrixInput } from './codeMatrix.js';
import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

/**
 * The charts of the query views, as ECharts options (plain data the browser draws) or as SVG
 * drawn on the server: code frequencies as bars, a matrix as a heatmap, co-occurrence as a
 * code × code heatmap. Reports use the same builders, so a figure in a report is the chart on
 * the screen.
 */
export const Input = MatrixInput.extend({
  kind: z.enum(['frequencies', 'matrix', 'cooccurrence']),
  /** For co-occurrence. */
  mode: z.enum(['overlap', 'turn', 'paragraph']).default('overlap'),
  /** Labels in this language (default: the project's). */
  language: z.enum(['sv', 'en']).optional(),
  format: z.enum(['option', 'svg']).default('option'),
});

export async function renderChart(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const t = translator(args.language ?? (project.language as Language));
  let spec: ChartSpec;
  if (args.kind === 'frequencies') {
    spec = frequencyChart(await codeFrequencies(ctx, { project: project.id, coder: args.coder }), t);
  } else if (args.kind === 'matrix') {
    const { kind: _k, mode: _m, language: _l, format: _f, ...matrix } = args;
    spec = matrixChart(await codeMatrix(ctx, { ...matrix, project: project.id }), t);
  } else {
    spec = cooccurrenceChart(await codeCooccurrence(ctx, { project: project.id, mode: args.mode, coder: args.coder }), t);
  }
  return { ...spec, svg: args.format === 'svg' ? chartSvg(spec) : null };
}

/** The code frequencies as bars (see core/charts/options.ts frequencyItems). */
export function frequencyChart(frequencies: CodeFrequency[], t: Translate): ChartSpec {
  return frequencyBars(t('report|chart-frequencies'), frequencyItems(frequencies), t('report|measure|count'));
}

export function matrixChart(matrix: CodeMatrix, t: Translate): ChartSpec {
  return heatmap({
    title: t('report|chart-matrix', { columns: matrix.attribute ?? t('report|case-plural') }),
    rows: matrix.rows.map((r) => r.name),
    columns: matrix.columns.map((c) => columnLabel(c, t)),
    cells: matrix.cells,
    valueName: t(`report|measure|${matrix.measure}`),
  });
}

export function cooccurrenceChart(co: CodeCooccurrence, t: Translate): ChartSpec {
  const names = co.codes.map((c) => c.name);
  return heatmap({
    title: t(`report|chart-cooccurrence|${co.mode}`),
    rows: names,
    columns: names,
    cells: co.cells,
    valueName: t('report|measure|count'),
  });
}

/** A matrix column's label; the empty ones in words. */
export function columnLabel(c: CodeMatrix['columns'][number], t: Translate): string {
  if (c.empty === 'no-case') return t('report|no-case');
  if (c.empty === 'no-value') return t('report|no-value');
  return c.label;
}
