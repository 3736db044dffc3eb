/**
 * Chart options for Apache ECharts as plain data (no functions, no I/O), so the same options
 * draw the chart in the browser and, rendered to SVG on the server (formats/charts.ts), in
 * reports. Each builder returns the option with the size it was laid out for.
 *
 * - frequencyBars: horizontal bars, one per code (longest names fit on the left), in the
 *   codebook's colours;
 * - heatmap: a matrix (codes × cases, codes × attribute values, or codes × codes for
 *   co-occurrence), cells shaded by value and labelled with it when there is room.
 */
export interface ChartSpec {
  kind: 'bars' | 'heatmap';
  title: string;
  width: number;
  height: number;
  option: Record<string, unknown>;
}

const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
const TEXT = '#222222';

/** Names longer than this are shortened with an ellipsis on an axis (the full name is in the tooltip). */
const LABEL_MAX = 32;
const shorten = (s: string) => ([...s].length > LABEL_MAX ? `${[...s].slice(0, LABEL_MAX - 1).join('')}…` : s);

/**
 * Width of an axis label in pixels, as DejaVu Sans draws 12 px text (the font of the report's
 * figures): wider than ECharts' own estimate without a canvas, which would let a long name run
 * off the figure.
 */
const labelPx = (s: string) => Math.ceil([...s].length * 7.8);
/** Space between an axis and its labels. */
const LABEL_GAP = 8;
/** A 45° label reaches this share of its width sideways and down. */
const TILT = Math.SQRT1_2;

export interface BarItem {
  label: string;
  value: number;
  color?: string;
}

export function frequencyBars(title: string, items: readonly BarItem[], valueName: string): ChartSpec {
  const height = Math.max(160, 88 + items.length * 24);
  const width = 720;
  // ECharts draws a category y-axis bottom-up: reverse so the first item is on top.
  const shown = [...items].reverse();
  const labels = Math.max(40, ...shown.map((i) => labelPx(shorten(i.label))));
  return {
    kind: 'bars',
    title,
    width,
    height,
    option: {
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT, color: TEXT },
      title: { text: title, left: 'center', top: 6, textStyle: { fontSize: 15, fontFamily: FONT, color: TEXT } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      // The labels' room is reserved by our own measure (see labelPx), not ECharts' estimate.
      grid: { left: 12 + labels + LABEL_GAP, right: 40, top: 40, bottom: 46, outerBoundsMode: 'none' },
      xAxis: { type: 'value', name: valueName, nameLocation: 'middle', nameGap: 22, minInterval: 1 },
      yAxis: {
        type: 'category',
        data: shown.map((i) => shorten(i.label)),
        axisTick: { show: false },
        axisLabel: { width: labels, overflow: 'truncate', margin: LABEL_GAP },
      },
      series: [
        {
          type: 'bar',
          name: valueName,
          barMaxWidth: 18,
          label: { show: true, position: 'right', color: TEXT },
          data: shown.map((i) => ({ value: i.value, name: i.label, itemStyle: { color: i.color ?? '#4a6fa5' } })),
        },
      ],
    },
  };
}

export interface HeatmapInput {
  title: string;
  rows: readonly string[];
  columns: readonly string[];
  /** `cells[r][c]`. */
  cells: readonly (readonly number[])[];
  valueName: string;
}

export function heatmap({ title, rows, columns, cells, valueName }: HeatmapInput): ChartSpec {
  const cell = Math.max(14, Math.min(48, Math.floor(900 / Math.max(1, columns.length))));
  const rowLabels = Math.max(30, ...rows.map((r) => labelPx(shorten(r))));
  const columnLabels = Math.max(16, ...columns.map((c) => labelPx(shorten(c))));
  // Tilted when many, or when any label is long enough to run into its neighbour.
  const tilted = columns.length > 6 || columns.some((c) => shorten(c).length > 8);
  // A tilted label of the first column reaches left past the row labels' edge when it is longer.
  const left = Math.max(12 + rowLabels + LABEL_GAP, tilted ? Math.ceil(columnLabels * TILT + 16 - cell / 2) : 0);
  const bottom = tilted ? Math.ceil(columnLabels * TILT + 24) : 40;
  const width = Math.max(360, left + columns.length * cell + 90);
  const height = Math.max(200, 50 + rows.length * Math.max(18, Math.min(cell, 30)) + bottom);
  const data: [number, number, number][] = [];
  let max = 0;
  for (const [r, row] of cells.entries()) {
    for (const [c, v] of row.entries()) {
      max = Math.max(max, v);
      // Rows top-down: ECharts counts the y-axis from the bottom.
      data.push([c, rows.length - 1 - r, v]);
    }
  }
  const showLabels = cell >= 22 && rows.length <= 60;
  return {
    kind: 'heatmap',
    title,
    width,
    height,
    option: {
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT, color: TEXT },
      title: { text: title, left: 'center', top: 6, textStyle: { fontSize: 15, fontFamily: FONT, color: TEXT } },
      tooltip: { position: 'top' },
      grid: { left, right: 80, top: 40, bottom, outerBoundsMode: 'none' },
      xAxis: {
        type: 'category',
        data: columns.map(shorten),
        axisLabel: { rotate: tilted ? 45 : 0, interval: 0, width: columnLabels, overflow: 'truncate' },
        splitArea: { show: true },
      },
      yAxis: {
        type: 'category',
        data: [...rows].reverse().map(shorten),
        axisLabel: { interval: 0, width: rowLabels, overflow: 'truncate', margin: LABEL_GAP },
        splitArea: { show: true },
      },
      visualMap: {
        min: 0,
        max: Math.max(1, max),
        calculable: false,
        orient: 'vertical',
        right: 8,
        top: 'middle',
        itemHeight: 120,
        text: [String(Math.max(1, max)), '0'],
        inRange: { color: ['#f7fbff', '#6baed6', '#08306b'] },
      },
      series: [
        {
          type: 'heatmap',
          name: valueName,
          data,
          label: { show: showLabels, fontSize: 11 },
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        },
      ],
    },
  };
}

/** Most bars in a frequency chart: beyond this, the most used codes. */
export const MAX_BARS = 40;

/** What a frequency bar needs of a code's counts. */
export interface CodeCount {
  name: string;
  color: string;
  /** Segments coded with the code itself. */
  segments: number;
  /** Segments of the code and every code below it. */
  branchSegments: number;
  children: number;
}

/** Bars of the codes (leaves, and nodes coded directly), the most used first when they are many. */
export function frequencyItems(frequencies: readonly CodeCount[]): BarItem[] {
  let codes = frequencies.filter((f) => f.children === 0 || f.segments > 0);
  if (codes.length > MAX_BARS) codes = [...codes].sort((a, b) => b.segments - a.segments).slice(0, MAX_BARS);
  return codes.map((f) => ({ label: f.name, value: f.children === 0 ? f.branchSegments : f.segments, color: f.color }));
}

/** The narrowest a chart is laid out for: a card narrower than this scrolls it. */
export const MIN_CHART_WIDTH = 280;

interface FittedOption {
  grid: { left: number; right: number };
  title: { textStyle: Record<string, unknown> };
  xAxis: { data?: unknown[]; axisLabel?: { width?: number; rotate?: number; interval?: number | 'auto' } };
  yAxis: { axisLabel: { width: number } };
  series: { type: string; label: { show: boolean } }[];
}

/**
 * A chart laid out again for a card narrower than the chart: the axis labels get at most a third
 * of the width (longer names end in an ellipsis), the plot what is left, and a heatmap's cells
 * lose their figures when too small for them. A chart that fits is returned as it is; the
 * report's figures keep their full size.
 */
export function fitWidth(spec: ChartSpec, available: number): ChartSpec {
  const width = Math.max(MIN_CHART_WIDTH, Math.floor(available));
  if (width >= spec.width) return spec;
  const option = structuredClone(spec.option) as unknown as FittedOption;
  const budget = Math.floor(width / 3);
  const rows = option.yAxis.axisLabel;
  if (rows.width > budget) {
    option.grid.left -= rows.width - budget;
    rows.width = budget;
  }
  const columns = option.xAxis.axisLabel;
  if (columns?.rotate && columns.width !== undefined) {
    columns.width = Math.min(columns.width, budget);
    option.grid.left = Math.max(option.grid.left, Math.ceil(columns.width * TILT + 16));
  }
  const heat = option.series.find((s) => s.type === 'heatmap');
  const cell = (width - option.grid.left - option.grid.right) / Math.max(1, option.xAxis.data?.length ?? 1);
  if (heat && cell < 22) heat.label.show = false;
  // Column names closer than a line apart overlap: ECharts then shows every few (all are in the table).
  if (columns && cell < 14) columns.interval = 'auto';
  option.title.textStyle = { ...option.title.textStyle, width: width - 24, overflow: 'truncate' };
  return { ...spec, width, option: option as unknown as Record<string, unknown> };
}
