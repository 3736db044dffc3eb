import { type ChartSpec, frequencyBars, frequencyItems, heatmap } from '../../../src/core/charts/options.js';
import type { CodeCooccurrence, CodeFrequency, CodeMatrix, MatrixColumn } from '../queriesApi.js';

/**
 * The charts of the query views, built in the browser by the same option builders the server
 * renders reports with (src/core/charts/options.ts), from the data the tables show; labels in
 * the UI's language. Which codes get a bar follows the server's frequency chart.
 */

export interface EmptyLabels {
  noCase: string;
  noValue: string;
}

/** A matrix column's label; the empty ones in words. */
export function columnLabel(c: MatrixColumn, labels: EmptyLabels): string {
  if (c.empty === 'no-case') return labels.noCase;
  if (c.empty === 'no-value') return labels.noValue;
  return c.label;
}

export function matrixSpec(m: CodeMatrix, title: string, valueName: string, labels: EmptyLabels): ChartSpec {
  return heatmap({
    title,
    rows: m.rows.map((r) => r.name),
    columns: m.columns.map((c) => columnLabel(c, labels)),
    cells: m.cells,
    valueName,
  });
}

export function frequencySpec(frequencies: readonly CodeFrequency[], title: string, valueName: string): ChartSpec {
  return frequencyBars(title, frequencyItems(frequencies), valueName);
}

/** Only the codes that occur at all (their diagonal above 0): the rest would be empty rows and columns. */
export function usedCodes(co: CodeCooccurrence): CodeCooccurrence {
  const used = co.codes.map((_, i) => i).filter((i) => (co.cells[i]?.[i] ?? 0) > 0);
  return {
    ...co,
    codes: used.map((i) => co.codes[i] as CodeCooccurrence['codes'][number]),
    cells: used.map((i) => used.map((j) => co.cells[i]?.[j] ?? 0)),
  };
}

export function cooccurrenceSpec(co: CodeCooccurrence, title: string, valueName: string): ChartSpec {
  const names = co.codes.map((c) => c.name);
  return heatmap({ title, rows: names, columns: names, cells: co.cells, valueName });
}

/**
 * The table cell a clicked heatmap item stands for. The heatmap's data items are
 * `[column, row counted from the bottom, value]` (ECharts draws the y-axis bottom-up).
 */
export function heatmapCell(value: unknown, rowCount: number): { row: number; column: number } | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const [column, fromBottom] = value as unknown[];
  if (!Number.isInteger(column) || !Number.isInteger(fromBottom)) return null;
  const row = rowCount - 1 - (fromBottom as number);
  if (row < 0 || row >= rowCount || (column as number) < 0) return null;
  return { row, column: column as number };
}
