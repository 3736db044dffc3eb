import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { CommandContext } from '../commands/context.js';
import { getCodebook } from '../commands/getCodebook.js';
import { getSource } from '../commands/getSource.js';
import { listCases } from '../commands/listCases.js';
import { listProjects } from '../commands/listProjects.js';
import { listSources } from '../commands/listSources.js';
import { retrieveSegments } from '../commands/retrieveSegments.js';
import { KodaError } from '../core/errors.js';
import { errorMessage, type Language, translator } from '../i18n/index.js';
import { projectsPage } from './projectsPage.js';

const STATUS: Record<KodaError['kind'], number> = { invalid: 400, 'not-found': 404, conflict: 409, forbidden: 403 };

/**
 * The HTTP server: JSON routes that call commands and nothing else, and (until the workbench UI
 * lands) a plain page listing the projects. Errors are `{ error: { code, message } }`.
 */
export function buildServer(ctx: CommandContext, language: Language): FastifyInstance {
  const app = Fastify({ logger: false });
  const t = translator(language);

  app.setErrorHandler((error, _request, reply: FastifyReply) => {
    if (error instanceof KodaError) {
      return reply.status(STATUS[error.kind]).send({ error: { code: error.code, message: errorMessage(error, t) } });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    const code = status < 500 ? 'request.invalid' : 'internal';
    return reply.status(status).send({ error: { code, message: status < 500 ? (error as Error).message : errorMessage(error, t) } });
  });

  app.get('/api/health', async () => ({ ok: true }));
  app.get('/api/projects', async () => listProjects(ctx));
  app.get<{ Params: { project: string } }>('/api/projects/:project/sources', async (req) => listSources(ctx, req.params));
  app.get<{ Params: { project: string; source: string } }>('/api/projects/:project/sources/:source', async (req) =>
    getSource(ctx, req.params),
  );
  app.get<{ Params: { project: string } }>('/api/projects/:project/cases', async (req) => listCases(ctx, req.params));
  app.get<{ Params: { project: string } }>('/api/projects/:project/codebook', async (req) => getCodebook(ctx, req.params));
  app.get<{ Params: { project: string }; Querystring: { code?: string; case?: string; source?: string; coder?: string } }>(
    '/api/projects/:project/segments',
    async (req) => retrieveSegments(ctx, { project: req.params.project, ...req.query }),
  );
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(projectsPage(await listProjects(ctx), t, language)));
  return app;
}
