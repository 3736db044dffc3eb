import type { ChartSpec } from '../../core/charts/options.js';
import type { ReportFigure, ReportModel, ReportNode, ReportQuote } from '../../formats/report/model.js';
import { Slice } from '../../store/eventLoop.js';
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

/**
 * The report as the worker gets it: the quotes taken out of the model's nodes into pages of UTF-8
 * JSON, which move to the thread as they are; 200,000 quote objects would take the main thread
 * a long pause to copy (issue 13).
 */
export interface PackedReport extends ReportToRender {
  /** How many quotes each node had, the nodes taken depth first (`depthFirst`). */
  quoteCounts: number[];
  quotePages: Uint8Array[];
}

const renderer = new BackgroundWorker<PackedReport, RenderedReport>('reportWorker.js');

/** Starts the report's thread while the quotes are gathered: a first report no longer waits for it to load. */
export function warmReportRenderer(): void {
  renderer.warm();
}

/** Quotes per page of JSON. */
const QUOTES_PER_PAGE = 1_000;

/**
 * Draws the figures and writes the document in a worker thread (reportWorker.ts): for a project
 * of 20,000 quotes that is half a minute of work the server would otherwise spend answering nobody.
 */
export async function renderReport(report: ReportToRender): Promise<RenderedReport> {
  const packed = await packQuotes(report);
  const reply = await renderer.run(
    packed,
    packed.quotePages.map((page) => page.buffer as ArrayBuffer),
  );
  if ('crashed' in reply) throw new Error('the report could not be written');
  return reply.ok;
}

/** The nodes of a report's tree, each before the nodes below it. */
export function* depthFirst(nodes: readonly ReportNode[]): Generator<ReportNode> {
  for (const node of nodes) {
    yield node;
    yield* depthFirst(node.children);
  }
}

/** The report with its quotes in pages (`perPage` is for tests). */
export async function packQuotes(report: ReportToRender, perPage = QUOTES_PER_PAGE): Promise<PackedReport> {
  const encoder = new TextEncoder();
  const slice = new Slice();
  const quoteCounts: number[] = [];
  const quotePages: Uint8Array[] = [];
  let page: ReportQuote[] = [];
  for (const node of depthFirst(report.model.results.nodes)) {
    quoteCounts.push(node.quotes.length);
    for (const quote of node.quotes) {
      page.push(quote);
      if (page.length < perPage) continue;
      quotePages.push(encoder.encode(JSON.stringify(page)));
      page = [];
      if (slice.due()) await slice.pause();
    }
  }
  if (page.length > 0) quotePages.push(encoder.encode(JSON.stringify(page)));
  const withoutQuotes = (nodes: readonly ReportNode[]): ReportNode[] =>
    nodes.map((node) => ({ ...node, quotes: [], children: withoutQuotes(node.children) }));
  const { model } = report;
  const results = { ...model.results, nodes: withoutQuotes(model.results.nodes) };
  return { ...report, model: { ...model, results }, quoteCounts, quotePages };
}

/** The worker side of packQuotes: each node's quotes put back, in place. */
export function unpackQuotes({ model, quoteCounts, quotePages }: PackedReport): ReportModel {
  const decoder = new TextDecoder();
  const quotes = quotePages.flatMap((page) => JSON.parse(decoder.decode(page)) as ReportQuote[]);
  let at = 0;
  for (const [i, node] of [...depthFirst(model.results.nodes)].entries()) {
    const count = quoteCounts[i] ?? 0;
    node.quotes = quotes.slice(at, at + count);
    at += count;
  }
  return model;
}
