import { zipSync } from 'fflate';
import { z } from 'zod';
import { buildReport } from '../../commands/buildReport.js';
import { FilterQuery, splitFilter } from './filterQuery.js';
import { download, downloadBody } from './queries.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

/** Flags that are on unless turned off (`?charts=false`). */
const onByDefault = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v !== 'false' && v !== '0');

/**
 * The results draft as a download: docx, html, or Markdown (a zip of the .md and its figure
 * files when it has figures).
 */
export function reportRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/report',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['report'],
        params: ProjectParams,
        querystring: z
          .object({
            format: z.enum(['docx', 'md', 'html']).default('docx'),
            /** Attributes of the cases table, comma-separated; empty for names only; absent for all. */
            attributes: z.string().optional(),
            casesTable: onByDefault,
            methods: onByDefault,
            memos: flag,
            charts: onByDefault,
            coder: z.string().optional(),
          })
          .extend(FilterQuery.shape),
      },
    },
    async (req, reply) => {
      const { filter, rest: query } = splitFilter(req.query);
      const { attributes, ...rest } = query;
      const r = await buildReport(contextFor(req), {
        ...rest,
        filter,
        ...(attributes === undefined
          ? {}
          : {
              attributes: attributes
                .split(',')
                .map((a) => a.trim())
                .filter(Boolean),
            }),
        project: req.params.project,
        figureFolder: 'figures',
      });
      const warnings = encodeURIComponent(JSON.stringify(r.warnings));
      if (r.files.length > 0) {
        const zip = zipSync({ [r.fileName]: r.bytes, ...Object.fromEntries(r.files.map((f) => [f.path, f.bytes])) });
        return download(reply, r.fileName.replace(/\.md$/, '.zip'), 'application/zip')
          .header('x-koda-warnings', warnings)
          .send(downloadBody({ bytes: zip }));
      }
      return download(reply, r.fileName, r.mediaType).header('x-koda-warnings', warnings).send(downloadBody(r));
    },
  );
}
