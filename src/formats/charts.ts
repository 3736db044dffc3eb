import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartSpec } from '../core/charts/options.js';

/**
 * Charts drawn on the server: the ECharts options of core/charts/options.ts rendered to SVG by
 * ECharts' own server-side renderer (no DOM, no browser), and the SVG to PNG by resvg for
 * programs that show no SVG in a document (LibreOffice reads a docx image's PNG fallback).
 */
export function chartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: spec.width, height: spec.height });
  try {
    chart.setOption(spec.option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The SVG as PNG, `scale` times its size (2: sharp in print at the usual figure width). */
export function chartPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
