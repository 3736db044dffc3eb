import { Readable } from 'node:stream';
import { z } from 'zod';
import { Input as AutocodeInput, autocode } from '../../commands/autocode.js';
import { Input as ChartInput, renderChart } from '../../commands/charts.js';
import { Input as CooccurrenceInput, codeCooccurrence } from '../../commands/codeCooccurrence.js';
import { codeFrequencies } from '../../commands/codeFrequencies.js';
import { codeMatrix, Input as MatrixInput } from '../../commands/codeMatrix.js';
import { exportMatrix } from '../../commands/exportMatrix.js';
import type { FileContent } from '../../commands/helpers/fileContent.js';
import { searchText } from '../../commands/searchText.js';
import { whoSharesCode } from '../../commands/whoSharesCode.js';
import { FilterQuery, splitFilter } from './filterQuery.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

/**
 * Auto-coding over HTTP lists at most this many of its segments (all are counted and written): a
 * listing of every one of 40,000 segments with its context held the server for seconds.
 */
export const AUTOCODE_LISTED_MAX = 2_000;
const AutocodeBody = AutocodeInput.omit({ project: true }).extend({
  limit: z.number().int().min(0).max(AUTOCODE_LISTED_MAX).default(AUTOCODE_LISTED_MAX),
});

/** A query-string list: repeated (`?source=a&source=b`) or comma-separated (`?source=a,b`). */
export const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (v === undefined ? [] : Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  );

const number = (max: number) => z.coerce.number().int().min(0).max(max).optional();
const matrixQuery = MatrixInput.omit({ project: true, filter: true }).extend(FilterQuery.shape);

/**
 * The query views: matrices (and their xlsx/csv download), co-occurrence, "who shares this
 * code", frequencies, text search, auto-coding (a dry run previews), and the charts of these
 * views as ECharts options or SVG. Every route calls one command.
 */
export function queryRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/matrix',
    { config: { rule: { read: true } }, schema: { tags: ['queries'], params: ProjectParams, querystring: matrixQuery } },
    (req) => {
      const { filter, rest } = splitFilter(req.query);
      return codeMatrix(contextFor(req), { ...rest, ...req.params, filter });
    },
  );
  app.get(
    '/api/projects/:project/matrix/export',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['queries'],
        params: ProjectParams,
        querystring: matrixQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }),
      },
    },
    async (req, reply) => {
      const { filter, rest } = splitFilter(req.query);
      const r = await exportMatrix(contextFor(req), { ...rest, ...req.params, filter });
      return download(reply, r.fileName, r.mediaType).send(downloadBody(r));
    },
  );
  app.get(
    '/api/projects/:project/cooccurrence',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['queries'],
        params: ProjectParams,
        querystring: CooccurrenceInput.omit({ project: true, filter: true }).extend(FilterQuery.shape),
      },
    },
    (req) => {
      const { filter, rest } = splitFilter(req.query);
      return codeCooccurrence(contextFor(req), { ...rest, ...req.params, filter });
    },
  );
  app.get(
    '/api/projects/:project/frequencies',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['queries'],
        params: ProjectParams,
        querystring: z.object({ coder: z.string().optional() }).extend(FilterQuery.shape),
      },
    },
    (req) => {
      const { filter, rest } = splitFilter(req.query);
      return codeFrequencies(contextFor(req), { ...rest, ...req.params, filter });
    },
  );
  app.get(
    '/api/projects/:project/shares',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['queries'],
        params: ProjectParams,
        querystring: z.object({ code: z.string(), only: flag, coder: z.string().optional() }),
      },
    },
    (req) => {
      const { only, ...rest } = req.query;
      return whoSharesCode(contextFor(req), { ...rest, ...req.params, includeDescendants: !only });
    },
  );
  app.get(
    '/api/projects/:project/search',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['queries'],
        params: ProjectParams,
        querystring: z
          .object({
            q: z.string(),
            language: z.enum(['sv', 'en', 'both']).optional(),
            source: list,
            case: list,
            role: z.enum(['interviewer', 'participant']).optional(),
            limit: number(10_000),
            context: number(500),
          })
          .extend(FilterQuery.shape),
      },
    },
    (req) => {
      const { filter, rest: query } = splitFilter(req.query);
      const { q, source, case: cases, ...rest } = query;
      return searchText(contextFor(req), { ...rest, query: q, sources: source, cases, project: req.params.project, filter });
    },
  );
  app.post(
    '/api/projects/:project/autocode',
    {
      config: { rule: { action: 'segment.autocode' } },
      schema: { tags: ['queries'], params: ProjectParams, body: AutocodeBody },
    },
    async (req, reply) => {
      const r = await autocode(contextFor(req), { ...req.body, ...req.params });
      return reply.status(r.dryRun ? 200 : 201).send(r);
    },
  );
  app.get(
    '/api/projects/:project/charts/:kind',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['queries'],
        params: ProjectParams.extend({ kind: z.enum(['frequencies', 'matrix', 'cooccurrence']) }),
        querystring: ChartInput.omit({ project: true, kind: true, filter: true }).extend(FilterQuery.shape),
      },
    },
    async (req, reply) => {
      const { filter, rest } = splitFilter(req.query);
      const chart = await renderChart(contextFor(req), { ...rest, ...req.params, filter });
      if (req.query.format === 'svg') return reply.type('image/svg+xml; charset=utf-8').send(chart.svg);
      return chart;
    },
  );
}

/** Headers of a file download, the name in ASCII and in full (RFC 6266). */
export function download<R extends { header(name: string, value: string): R }>(reply: R, fileName: string, mediaType: string): R {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', mediaType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
}

/**
 * A download's body: a text file streamed as its pieces are written, so a large csv or page is
 * never held whole; a zip file's bytes as they are, not copied.
 */
export function downloadBody(file: FileContent): Readable | Buffer {
  if (file.pieces) return Readable.from(file.pieces(), { objectMode: false });
  return Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
}
