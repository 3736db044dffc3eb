import { z } from 'zod';
import { exportQuotes, QUOTE_FORMATS } from '../../commands/exportQuotes.js';
import { exportTranscript, TRANSCRIPT_FORMATS } from '../../commands/exportTranscript.js';
import { AnalysisFilter } from '../../commands/helpers/analysisFilter.js';
import { invalid } from '../../core/errors.js';
import { download, downloadBody } from './queries.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

/**
 * The analysis filter in a query string: its JSON (`filter={"cases":["Albin"]}`), so a download
 * is a plain link the browser saves.
 */
const filterParam = z
  .string()
  .optional()
  .transform((text) => {
    if (text === undefined || text === '') return undefined;
    try {
      return AnalysisFilter.parse(JSON.parse(text));
    } catch {
      throw invalid('input.invalid', { field: 'filter', problem: 'JSON of an analysis filter' });
    }
  });

const QuotesQuery = z.object({
  format: z.enum(QUOTE_FORMATS).default('docx'),
  code: z.string().optional(),
  /** With `code`: not the codes below it. */
  only: flag,
  /** A coding query's quotes. */
  expression: z.string().max(10_000).optional(),
  /** A smart code's quotes (by id or name). */
  smartCode: z.string().optional(),
  /** A matrix cell: its row and column, in a matrix of `rows` × `columns`. */
  row: z.string().optional(),
  column: z.string().optional(),
  rows: z.enum(['codes', 'categories', 'themes']).default('codes'),
  columns: z.string().default('cases'),
  /** One coder's layer. */
  coder: z.string().optional(),
  filter: z.string().optional(),
});

/**
 * Downloads of quotes (of a code, a coding query, a smart code or a matrix cell) and of a source's coded transcript. Reads:
 * a viewer may take them (blind mode still shows a coder only their layer); each is audited by
 * its command.
 */
export function quoteRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/quotes/export',
    { config: { rule: { read: true } }, schema: { tags: ['queries'], params: ProjectParams, querystring: QuotesQuery } },
    async (req, reply) => {
      const q = req.query;
      const filter = filterParam.parse(q.filter) ?? {};
      const cell =
        q.row !== undefined || q.column !== undefined
          ? { row: q.row ?? '', column: q.column ?? '', rows: q.rows, columns: q.columns, coder: q.coder }
          : undefined;
      const r = await exportQuotes(contextFor(req), {
        project: req.params.project,
        code: q.code,
        includeDescendants: !q.only,
        ...(q.expression !== undefined ? { query: { expression: q.expression } } : {}),
        smartCode: q.smartCode,
        cell,
        filter: cell || !q.coder ? filter : { ...filter, coders: [q.coder] },
        format: q.format,
      });
      return download(reply, r.fileName, r.mediaType).header('x-koda-quotes', String(r.quotes)).send(downloadBody(r));
    },
  );
  app.get(
    '/api/projects/:project/sources/:source/transcript',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['sources'],
        params: ProjectParams.extend({ source: z.string() }),
        querystring: z.object({
          format: z.enum(TRANSCRIPT_FORMATS).default('html'),
          coder: z.string().optional(),
        }),
      },
    },
    async (req, reply) => {
      const r = await exportTranscript(contextFor(req), { ...req.query, ...req.params });
      return download(reply, r.fileName, r.mediaType).send(downloadBody(r));
    },
  );
}
