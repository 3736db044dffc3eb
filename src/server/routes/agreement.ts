import { z } from 'zod';
import { Input as AcceptConsensus, acceptConsensus } from '../../commands/acceptConsensus.js';
import { compareLayers } from '../../commands/compareLayers.js';
import { computeAgreement } from '../../commands/computeAgreement.js';
import { Input as ComputeAlpha, computeAlpha } from '../../commands/computeAlpha.js';
import { listCoders } from '../../commands/listCoders.js';
import { mergeLayers } from '../../commands/mergeLayers.js';
import { revealLayers } from '../../commands/revealLayers.js';
import { setBlindMode } from '../../commands/setBlindMode.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

/** A query parameter given once, repeated, or as a comma-separated list. */
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    (v === undefined ? [] : Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Coding layers, agreement figures, the disagreement view and the consensus layer. */
export function agreementRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/coders',
    { config: { rule: { read: true } }, schema: { tags: ['agreement'], params: ProjectParams } },
    (req) => listCoders(contextFor(req), req.params),
  );
  app.get(
    '/api/projects/:project/agreement',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['agreement'],
        params: ProjectParams,
        querystring: z.object({
          coders: many,
          unit: z.enum(['char', 'sentence', 'paragraph', 'turn']).optional(),
          code: many,
          source: many,
          emptySources: z.enum(['missing', 'uncoded']).optional(),
          bySource: flag,
        }),
      },
    },
    (req) => {
      const { code, source, ...rest } = req.query;
      return computeAgreement(contextFor(req), { ...req.params, ...rest, codes: code, sources: source });
    },
  );
  app.get(
    '/api/projects/:project/compare',
    {
      config: { rule: { read: true } },
      schema: {
        tags: ['agreement'],
        params: ProjectParams,
        querystring: z.object({ source: z.string(), coders: many, code: many, all: flag, layer: z.string().optional() }),
      },
    },
    (req) => {
      const { code, all, ...rest } = req.query;
      return compareLayers(contextFor(req), { ...req.params, ...rest, codes: code, includeAgreed: all });
    },
  );
  app.post(
    '/api/projects/:project/consensus',
    {
      config: { rule: { action: 'consensus.accept' } },
      schema: { tags: ['agreement'], params: ProjectParams, body: AcceptConsensus.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await acceptConsensus(contextFor(req), { ...req.body, ...req.params })),
  );
  app.put(
    '/api/projects/:project/blind',
    {
      config: { rule: { action: 'project.blind' } },
      schema: { tags: ['agreement'], params: ProjectParams, body: z.object({ blind: z.boolean() }) },
    },
    (req) => setBlindMode(contextFor(req), { ...req.params, ...req.body }),
  );
  app.post(
    '/api/projects/:project/reveal',
    { config: { rule: { action: 'project.reveal' } }, schema: { tags: ['agreement'], params: ProjectParams } },
    (req) => revealLayers(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/merge-layers',
    {
      config: { rule: { action: 'coders.merge' } },
      schema: {
        tags: ['agreement'],
        params: ProjectParams,
        body: z.object({ from: z.string(), dryRun: z.boolean().optional() }),
      },
    },
    (req) => mergeLayers(contextFor(req), { ...req.params, ...req.body }),
  );
  app.post(
    '/api/agreement/alpha',
    { config: { rule: { signedIn: true } }, schema: { tags: ['agreement'], body: ComputeAlpha } },
    (req) => computeAlpha(contextFor(req), req.body),
  );
}
