import { type ChartSpec, frequencyBars, frequencyItems, heatmap } from '../../core/charts/options.js';
import type { Translate } from '../../i18n/index.js';
import type { CodeCooccurrence } from './cooccurrence.js';
import type { CodeFrequency } from './frequencies.js';
import type { CodeMatrix } from './matrix.js';

/*
 * The charts of the query results, one builder each, shared by the charts action and reports,
 * so a figure in a report is the chart on the screen.
 */

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
