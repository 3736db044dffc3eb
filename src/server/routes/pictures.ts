import { z } from 'zod';
import { Input as ComparisonInput, caseComparison } from '../../commands/caseComparison.js';
import { codeMap, Input as MapInput } from '../../commands/codeMap.js';
import { documentPortrait, Input as PortraitInput } from '../../commands/documentPortrait.js';
import { Input as ExportInput, exportPicture, PICTURES } from '../../commands/exportPicture.js';
import { FilterQuery, splitFilter } from './filterQuery.js';
import { download, downloadBody } from './queries.js';
import { ProjectParams, type RouteDeps } from './types.js';

/**
 * The pictures of the coding: the code map, a transcript's portrait (code line) and the
 * case × theme comparison, each as data with its laid-out picture (a scene the web draws), and
 * as an SVG or PNG file. All are reads: a viewer may see and export them.
 */
export function pictureRoutes({ app, contextFor, languageOf }: RouteDeps) {
  app.get(
    '/api/projects/:project/pictures/codemap',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['pictures'],
        params: ProjectParams,
        querystring: MapInput.omit({ project: true, filter: true }).extend(FilterQuery.shape),
      },
    },
    (req) => {
      const { filter, rest } = splitFilter(req.query);
      return codeMap(contextFor(req), { language: languageOf(req), ...rest, ...req.params, filter });
    },
  );
  app.get(
    '/api/projects/:project/pictures/portrait',
    {
      config: { rule: { read: true } },
      schema: { tags: ['pictures'], params: ProjectParams, querystring: PortraitInput.omit({ project: true }) },
    },
    (req) => documentPortrait(contextFor(req), { language: languageOf(req), ...req.query, ...req.params }),
  );
  app.get(
    '/api/projects/:project/pictures/comparison',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['pictures'],
        params: ProjectParams,
        querystring: ComparisonInput.omit({ project: true, filter: true }).extend(FilterQuery.shape),
      },
    },
    (req) => {
      const { filter, rest } = splitFilter(req.query);
      return caseComparison(contextFor(req), { language: languageOf(req), ...rest, ...req.params, filter });
    },
  );
  app.get(
    '/api/projects/:project/pictures/:kind/export',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['pictures'],
        params: ProjectParams.extend({ kind: z.enum(PICTURES) }),
        querystring: ExportInput.omit({ project: true, kind: true, filter: true }).extend(FilterQuery.shape),
      },
    },
    async (req, reply) => {
      const { filter, rest } = splitFilter(req.query);
      const file = await exportPicture(contextFor(req), { language: languageOf(req), ...rest, ...req.params, filter });
      return download(reply, file.fileName, file.mediaType).send(downloadBody(file));
    },
  );
}
