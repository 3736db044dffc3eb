import { z } from 'zod';
import { deleteSmartCode } from '../../commands/deleteSmartCode.js';
import { Input as EditSmartCode, editSmartCode } from '../../commands/editSmartCode.js';
import { listSmartCodes } from '../../commands/listSmartCodes.js';
import { QUERY_HITS_MAX, Input as QueryInput, runCodingQuery } from '../../commands/runCodingQuery.js';
import { Input as SaveSmartCode, saveSmartCode } from '../../commands/saveSmartCode.js';
import { smartCodeHits } from '../../commands/smartCodeHits.js';
import { ProjectParams, type RouteDeps } from './types.js';

const SmartCodeParams = ProjectParams.extend({ smartCode: z.string() });
const number = (max: number) => z.coerce.number().int().min(0).max(max).optional();

/**
 * Coding queries and smart codes. Running a query is a read (a POST only because the query and
 * its filter do not fit a URL well): a viewer may run one. Smart codes are kept by coders.
 */
export function codingQueryRoutes({ app, contextFor }: RouteDeps) {
  app.post(
    '/api/projects/:project/coding-query',
    {
      config: { rule: { read: true } },
      schema: { tags: ['queries'], params: ProjectParams, body: QueryInput.omit({ project: true }) },
    },
    (req) => runCodingQuery(contextFor(req), { ...req.body, ...req.params }),
  );
  app.get(
    '/api/projects/:project/smart-codes',
    { config: { rule: { read: true } }, schema: { tags: ['queries'], params: ProjectParams } },
    (req) => listSmartCodes(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/smart-codes',
    {
      config: { rule: { action: 'query.save' } },
      schema: { tags: ['queries'], params: ProjectParams, body: SaveSmartCode.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await saveSmartCode(contextFor(req), { ...req.body, ...req.params })),
  );
  app.put(
    '/api/projects/:project/smart-codes/:smartCode',
    {
      config: { rule: { action: 'query.edit' } },
      schema: { tags: ['queries'], params: SmartCodeParams, body: EditSmartCode.omit({ project: true, smartCode: true }) },
    },
    (req) => editSmartCode(contextFor(req), { ...req.body, ...req.params }),
  );
  app.delete(
    '/api/projects/:project/smart-codes/:smartCode',
    { config: { rule: { action: 'query.delete' } }, schema: { tags: ['queries'], params: SmartCodeParams } },
    (req) => deleteSmartCode(contextFor(req), req.params),
  );
  app.get(
    '/api/projects/:project/smart-codes/:smartCode/hits',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['queries'],
        params: SmartCodeParams,
        querystring: z.object({ limit: number(QUERY_HITS_MAX), offset: number(Number.MAX_SAFE_INTEGER) }),
      },
    },
    (req) => smartCodeHits(contextFor(req), { ...req.query, ...req.params }),
  );
}
