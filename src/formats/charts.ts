import { createRequire } from 'node:module';
import type * as Resvgjs from '@resvg/resvg-js';
import type * as ECharts from 'echarts';
import type { ChartSpec } from '../core/charts/options.js';

/**
 * ECharts and resvg are loaded on the first chart, not when the server starts: they were about a
 * tenth of its memory at rest (issue 17: ≤ 200 MiB), and most requests draw nothing. Required
 * (ECharts' CommonJS build, the same API) so that drawing stays synchronous.
 */
const require = createRequire(import.meta.url);
let libraries: { echarts: typeof ECharts; Resvg: typeof Resvgjs.Resvg } | undefined;
const charting = () =>
  (libraries ??= { echarts: require('echarts') as typeof ECharts, Resvg: (require('@resvg/resvg-js') as typeof Resvgjs).Resvg });

/**
 * Charts drawn on the server: the ECharts options of core/charts/options.ts rendered to SVG by
 * ECharts' own server-side renderer (no DOM, no browser), and the SVG to PNG by resvg for
 * programs that show no SVG in a document (LibreOffice reads a docx image's PNG fallback).
 */
export function chartSvg(spec: ChartSpec): string {
  const chart = charting().echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The SVG as PNG, `scale` times its size (2: sharp in print at the usual figure width). */
export function chartPng(svg: string, scale = 2): Uint8Array {
  const resvg = new (charting().Resvg)(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
