import { Readable } from 'node:stream';
import { z } from 'zod';
import { Input as ApplyCoding, applyCoding } from '../../commands/applyCoding.js';
import { MAX_PAGE } from '../../commands/helpers/retrieval.js';
import { removeSegment } from '../../commands/removeSegment.js';
import { retrieveSegmentPage, retrieveSegmentPageJson } from '../../commands/retrieveSegments.js';
import { setSegmentMemo } from '../../commands/setSegmentMemo.js';
import { FilterQuery, splitFilter } from './filterQuery.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

const SegmentParams = ProjectParams.extend({ segment: z.string() });

export function segmentRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/segments',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['segments'],
        params: ProjectParams,
        querystring: z
          .object({
            code: z.string().optional(),
            case: z.string().optional(),
            source: z.string().optional(),
            coder: z.string().optional(),
            only: flag,
            /** Segments per page (a few more when several start at the page's last offset); without it, all. */
            limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
            /** The `next` of the page before. */
            after: z.string().optional(),
          })
          .extend(FilterQuery.shape),
      },
    },
    async (req, reply) => {
      const { filter, rest } = splitFilter(req.query);
      const { only, ...filters } = rest;
      const input = { ...req.params, ...filters, filter, includeDescendants: !only };
      if (filters.limit !== undefined) return retrieveSegmentPage(contextFor(req), input);
      // The whole list streamed as it is read: a project's every segment is too much JSON to write in one go.
      return reply
        .type('application/json; charset=utf-8')
        .send(Readable.from(await retrieveSegmentPageJson(contextFor(req), input)));
    },
  );
  app.post(
    '/api/projects/:project/segments',
    {
      config: { rule: { action: 'segment.apply' } },
      schema: { tags: ['segments'], params: ProjectParams, body: ApplyCoding.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await applyCoding(contextFor(req), { ...req.body, ...req.params })),
  );
  app.delete(
    '/api/projects/:project/segments/:segment',
    { config: { rule: { action: 'segment.remove' } }, schema: { tags: ['segments'], params: SegmentParams } },
    (req) => removeSegment(contextFor(req), req.params),
  );
  app.put(
    '/api/projects/:project/segments/:segment/memo',
    {
      config: { rule: { action: 'segment.memo' } },
      schema: { tags: ['segments'], params: SegmentParams, body: z.object({ memo: z.string() }) },
    },
    (req) => setSegmentMemo(contextFor(req), { ...req.params, ...req.body }),
  );
}
