import { z } from 'zod';
import type { ChartSpec } from '../core/charts/options.js';
import { chartSvg } from '../formats/charts.js';
import { type Language, translator } from '../i18n/index.js';
import { cooccurrenceChart, frequencyChart, matrixChart } from './helpers/chartSpecs.js';
import type { CommandContext } from './helpers/context.js';
import { computeCooccurrence } from './helpers/cooccurrence.js';
import { computeFrequencies } from './helpers/frequencies.js';
import { computeMatrix, MatrixInput } from './helpers/matrix.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

/** The CLI labels a matrix's columns as the charts do. */
export { columnLabel } from './helpers/chartSpecs.js';

/**
 * The charts of the query views, as ECharts options (plain data the browser draws) or as SVG
 * drawn on the server: code frequencies as bars, a matrix as a heatmap, co-occurrence as a
 * code × code heatmap. Reports use the same builders (helpers/chartSpecs.ts).
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
    spec = frequencyChart(await computeFrequencies(ctx, { project: project.id, coder: args.coder, filter: args.filter }), t);
  } else if (args.kind === 'matrix') {
    const { kind: _k, mode: _m, language: _l, format: _f, ...matrix } = args;
    spec = matrixChart(await computeMatrix(ctx, { ...matrix, project: project.id }), t);
  } else {
    spec = cooccurrenceChart(
      await computeCooccurrence(ctx, { project: project.id, mode: args.mode, coder: args.coder, filter: args.filter }),
      t,
    );
  }
  return { ...spec, svg: args.format === 'svg' ? chartSvg(spec) : null };
}
