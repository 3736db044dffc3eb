import type { Transferable } from 'node:worker_threads';
import { chartPng, chartSvg } from '../../formats/charts.js';
import { reportDocx } from '../../formats/report/docx.js';
import { reportHtml } from '../../formats/report/html.js';
import { reportMarkdown } from '../../formats/report/markdown.js';
import type { ReportFigure } from '../../formats/report/model.js';
import { type PackedReport, type RenderedReport, unpackQuotes } from './renderReport.js';
import { serveJobs } from './worker.js';

/** The worker side of renderReport.ts: draws the figures, then writes the document. */
serveJobs<PackedReport, RenderedReport>(async (packed) => {
  const { figures, format, figureFolder } = packed;
  const model = unpackQuotes(packed);
  const drawn = figures.map(({ spec, ...figure }): ReportFigure => {
    const svg = chartSvg(spec);
    return { ...figure, svg, png: chartPng(svg), width: spec.width, height: spec.height };
  });
  const full = { ...model, overview: { ...model.overview, figures: drawn } };
  let result: RenderedReport;
  if (format === 'docx') result = { bytes: await reportDocx(full), files: [] };
  else if (format === 'html') result = { bytes: new TextEncoder().encode(reportHtml(full)), files: [] };
  else {
    const md = reportMarkdown(full, figureFolder);
    result = { bytes: new TextEncoder().encode(md.text), files: md.files };
  }
  // Only buffers a result owns whole are moved; views into a shared one (Node's pool) are copied.
  const owned = [result.bytes, ...result.files.map((f) => f.bytes)]
    .filter((b) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
    .map((b) => b.buffer as ArrayBuffer);
  const transfer: Transferable[] = [...new Set(owned)];
  return { result, transfer };
});
