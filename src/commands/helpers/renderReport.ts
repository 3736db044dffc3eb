import type { ChartSpec } from '../../core/charts/options.js';
import type { ReportFigure, ReportModel } from '../../formats/report/model.js';
import { BackgroundWorker } from './worker.js';

/** A figure of the report before it is drawn. */
export interface FigureToDraw extends Omit<ReportFigure, 'svg' | 'png' | 'width' | 'height'> {
  spec: ChartSpec;
}

export interface ReportToRender {
  /** The model with its figures still to draw (`overview.figures` is empty). */
  model: ReportModel;
  figures: FigureToDraw[];
  format: 'docx' | 'md' | 'html';
  figureFolder: string;
}

export interface RenderedReport {
  bytes: Uint8Array;
  /** Figure files a Markdown report links to, by path relative to it. */
  files: { path: string; bytes: Uint8Array }[];
}

const renderer = new BackgroundWorker<ReportToRender, RenderedReport>('reportWorker.js');

/**
 * Draws the figures and writes the document in a worker thread (reportWorker.ts): for a project
 * of 20,000 quotes that is half a minute of work the server would otherwise spend answering nobody.
 */
export async function renderReport(report: ReportToRender): Promise<RenderedReport> {
  const reply = await renderer.run(report);
  if ('crashed' in reply) throw new Error('the report could not be written');
  return reply.ok;
}
