import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Input as AddPseudonym, addPseudonym } from '../../commands/addPseudonym.js';
import { Input as ApplyPseudonyms, applyPseudonyms } from '../../commands/applyPseudonyms.js';
import type { CommandContext } from '../../commands/helpers/context.js';
import { listPseudonyms } from '../../commands/listPseudonyms.js';
import { suggestPseudonyms } from '../../commands/suggestPseudonyms.js';
import { ProjectParams, type RouteDeps } from './types.js';

/**
 * The pseudonym map. The key's secret is the server's (KODA_PSEUDONYM_KEY when it was started)
 * unless the request brings its own in the `x-koda-pseudonym-key` header.
 */
export function pseudonymRoutes({ app, contextFor }: RouteDeps) {
  const withSecret = (req: FastifyRequest): CommandContext => {
    const header = req.headers['x-koda-pseudonym-key'];
    const ctx = contextFor(req);
    return typeof header === 'string' && header !== '' ? { ...ctx, pseudonymSecret: header } : ctx;
  };
  app.get(
    '/api/projects/:project/pseudonyms',
    { config: { rule: { role: 'owner' } }, schema: { tags: ['pseudonyms'], params: ProjectParams } },
    (req) => listPseudonyms(withSecret(req), req.params),
  );
  app.get(
    '/api/projects/:project/pseudonyms/suggestions',
    {
      config: { rule: { role: 'owner' } },
      schema: {
        tags: ['pseudonyms'],
        params: ProjectParams,
        querystring: z.object({
          source: z.string().optional(),
          pattern: z.union([z.string(), z.array(z.string())]).optional(),
          minCount: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).optional(),
        }),
      },
    },
    (req) => {
      const { pattern, ...rest } = req.query;
      const patterns = pattern === undefined ? [] : Array.isArray(pattern) ? pattern : [pattern];
      return suggestPseudonyms(withSecret(req), { ...req.params, ...rest, patterns });
    },
  );
  app.post(
    '/api/projects/:project/pseudonyms',
    {
      config: { rule: { action: 'pseudonym.add' } },
      schema: { tags: ['pseudonyms'], params: ProjectParams, body: AddPseudonym.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await addPseudonym(withSecret(req), { ...req.body, ...req.params })),
  );
  app.post(
    '/api/projects/:project/pseudonyms/apply',
    {
      config: { rule: { action: 'pseudonym.apply' } },
      schema: { tags: ['pseudonyms'], params: ProjectParams, body: ApplyPseudonyms.omit({ project: true }).optional() },
    },
    (req) => applyPseudonyms(withSecret(req), { ...(req.body ?? {}), ...req.params }),
  );
}
