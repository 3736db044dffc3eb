import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CommandContext } from '../commands/helpers/context.js';
import { resolveProject } from '../commands/helpers/resolve.js';
import { UPLOAD_LIMIT, uploadTooLarge } from '../commands/helpers/uploadLimit.js';
import { issueError } from '../commands/helpers/validate.js';
import { listProjects } from '../commands/listProjects.js';
import { seesAllLayers } from '../commands/seesAllLayers.js';
import { KodaError } from '../core/errors.js';
import { errorMessage, type Language, translator } from '../i18n/index.js';
import { documentRule, guardAccess } from './access.js';
import { ProjectEvents } from './events.js';
import { type OidcSettings, oidcRoutes } from './oidc.js';
import { projectsPage } from './projectsPage.js';
import { guardRequests } from './requestGuard.js';
import { agreementRoutes } from './routes/agreement.js';
import { caseRoutes } from './routes/cases.js';
import { codebookRoutes } from './routes/codebook.js';
import { codingQueryRoutes } from './routes/codingQueries.js';
import { interviewRoutes } from './routes/interviews.js';
import { memberRoutes } from './routes/members.js';
import { memoRoutes } from './routes/memos.js';
import { pictureRoutes } from './routes/pictures.js';
import { planRoutes } from './routes/plan.js';
import { privacyRoutes } from './routes/privacy.js';
import { projectRoutes } from './routes/projects.js';
import { pseudonymRoutes } from './routes/pseudonyms.js';
import { queryRoutes } from './routes/queries.js';
import { quoteRoutes } from './routes/quotes.js';
import { recordingRoutes } from './routes/recordings.js';
import { refiRoutes } from './routes/refi.js';
import { reportRoutes } from './routes/report.js';
import { segmentRoutes } from './routes/segments.js';
import { setRoutes } from './routes/sets.js';
import { sourceRoutes } from './routes/sources.js';
import { suggestionRoutes } from './routes/suggestions.js';
import { theoryRoutes } from './routes/theory.js';
import type { RouteDeps } from './routes/types.js';
import { sessionRoutes } from './session.js';

const STATUS: Record<KodaError['kind'], number> = {
  invalid: 400,
  unauthenticated: 401,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  busy: 503,
};

const TOO_LARGE = new Set(['upload.too-large', 'recording.too-large']);

/** What is worth compressing: JSON, HTML, CSV, Markdown, plain text, scripts, styles, SVG; never the event stream. */
const COMPRESSIBLE =
  /^(?:application\/(?:[\w.-]+\+)?json|text\/(?:html|csv|plain|markdown|css|javascript)|application\/javascript|image\/svg\+xml)\s*(?:;|$)/i;

export interface ServerOptions {
  language: Language;
  /** Folder of the built workbench UI; the plain projects page is served when it is absent. */
  webRoot?: string;
  /** The addresses people reach the server at (`--public-url`); https ones make cookies Secure. */
  publicUrls?: string[];
  /** The identity provider, when configured. */
  oidc?: OidcSettings | undefined;
}

/**
 * The HTTP server: JSON routes that call commands and nothing else, live updates, the OpenAPI
 * document at /api/openapi.json, and the workbench UI. Errors are `{ error: { code, message } }`,
 * the message in the language of the `x-koda-lang` header (else the server's).
 */
export async function buildServer(ctx: CommandContext, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, bodyLimit: 10 * 1024 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  const languageOf = (req: FastifyRequest): Language => {
    const wanted = req.headers['x-koda-lang'];
    return wanted === 'sv' || wanted === 'en' ? wanted : options.language;
  };
  app.setErrorHandler((error, req, reply: FastifyReply) =>
    (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE'
      ? sendUploadTooLarge(req, reply, languageOf(req))
      : sendError(error, reply, languageOf(req)),
  );
  guardRequests(app, options.publicUrls);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Served over plain HTTP on loopback: a Strict-Transport-Security header would be ignored.
    hsts: false,
  });
  // Answers compressed when the client accepts it (issue 17: the document view's text and coding
  // were 3 MB a visit), at levels chosen for speed: brotli 1 packs the view's 10,000 segments in
  // 8 ms to 187 KB where brotli 4 took 38 ms for 177 KB (gzip 4 for browsers without br). Registered before
  // the routes, whose replies it wraps. Only text-like answers: the event stream, recordings
  // (ranges) and already-zipped downloads (xlsx, docx, qdpx) pass as they are; request bodies are
  // never inflated (an upload's limit counts the bytes that arrive).
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    customTypes: COMPRESSIBLE,
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 1 } },
    zlibOptions: { level: 4 },
    globalDecompression: false,
  });
  // Answers of the API hold participants' words: no browser or proxy keeps a copy (ASVS V8.2.1).
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(fastifySwagger, {
    openapi: { info: { title: 'Koda API', version: '0.1.0', description: 'The workbench API: every route calls one command.' } },
    transform: documentRule,
  });

  const events = new ProjectEvents();
  // On PostgreSQL this server's changes come back through the database's feed like everyone
  // else's, so none is told twice.
  const feed = await ctx.store.listen?.({ onChange: events.relay, onState: events.storeState });
  app.addHook('preClose', async () => {
    events.close();
    await feed?.close();
  });
  const base: CommandContext = { ...ctx, onCommitted: feed ? undefined : events.publish };
  const deps: RouteDeps = {
    app: app.withTypeProvider<ZodTypeProvider>(),
    // The signed-in person is the coder: their name is their layer.
    contextFor: (req) => (req.account ? { ...base, actor: req.account.name, account: req.account } : base),
    languageOf,
  };
  const setSession = await sessionRoutes(deps.app, base, {
    secure: (options.publicUrls ?? []).some((url) => url.startsWith('https:')),
    oidc: options.oidc,
  });
  oidcRoutes(deps, options.oidc, setSession);
  guardAccess(app);
  projectRoutes(deps);
  sourceRoutes(deps);
  recordingRoutes(deps);
  caseRoutes(deps);
  codebookRoutes(deps);
  segmentRoutes(deps);
  privacyRoutes(deps);
  pseudonymRoutes(deps);
  agreementRoutes(deps);
  refiRoutes(deps);
  queryRoutes(deps);
  quoteRoutes(deps);
  codingQueryRoutes(deps);
  suggestionRoutes(deps);
  pictureRoutes(deps);
  reportRoutes(deps);
  interviewRoutes(deps);
  planRoutes(deps);
  memberRoutes(deps);
  memoRoutes(deps);
  theoryRoutes(deps);
  setRoutes(deps);

  deps.app.get('/api/health', { schema: { hide: true }, config: { rule: { public: true } } }, async () => ({ ok: true }));
  deps.app.get('/api/openapi.json', { schema: { hide: true }, config: { rule: { public: true } } }, async () => app.swagger());
  deps.app.get(
    '/api/projects/:project/events',
    { schema: { tags: ['live'], params: z.object({ project: z.string() }) }, config: { rule: { read: true } } },
    async (req, reply) => {
      const asker = deps.contextFor(req);
      const project = await resolveProject(ctx.store.db, req.params.project);
      events.stream(project.id, reply, () => seesAllLayers(asker, { project: project.id }));
    },
  );

  if (options.webRoot && existsSync(join(options.webRoot, 'index.html'))) {
    // The build wrote each script and style compressed beside it (web/precompress.ts).
    await app.register(fastifyStatic, { root: options.webRoot, wildcard: false, preCompressed: true });
    app.setNotFoundHandler((req, reply) =>
      req.url.startsWith('/api/') ? sendError(notFoundRoute(req.url), reply, languageOf(req)) : reply.sendFile('index.html'),
    );
  } else {
    app.get('/', { config: { rule: { signedIn: true } } }, async (req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(projectsPage(await listProjects(deps.contextFor(req)), translator(languageOf(req)), languageOf(req))),
    );
  }
  return app;
}

/**
 * Only what Koda's own files do: scripts and styles from the server itself (styles may also be
 * set inline, as the charts do), pictures also from data: and blob: URLs, no plug-ins, and no
 * page may frame Koda. No upgrade-insecure-requests: the laptop server speaks plain HTTP on
 * loopback.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  mediaSrc: ["'self'", 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

function notFoundRoute(url: string) {
  return new KodaError('request.no-route', { url: url.split('?')[0] ?? url }, 'not-found');
}

/** A body over the upload limit (commands/helpers/uploadLimit.ts), refused before it is read whole. */
function sendUploadTooLarge(req: FastifyRequest, reply: FastifyReply, language: Language) {
  const fileName = (req.query as { fileName?: unknown } | undefined)?.fileName;
  const error = uploadTooLarge(typeof fileName === 'string' ? fileName : '-');
  return reply.status(413).send({ error: { code: error.code, message: errorMessage(error, translator(language)) } });
}

function sendError(error: unknown, reply: FastifyReply, language: Language) {
  const t = translator(language);
  if (error instanceof KodaError) {
    // A body over a limit is 413, an upload's or a recording's (streamed, so found as it arrives).
    const status = TOO_LARGE.has(error.code) ? 413 : STATUS[error.kind];
    return reply.status(status).send({ error: { code: error.code, message: errorMessage(error, t) } });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const field = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') || issue?.params?.missingProperty || '-';
    const invalid = issueError(String(field), {
      code: issue?.keyword,
      message: issue?.message,
      params: issue?.params?.params as Record<string, unknown> | undefined,
    });
    return reply.status(400).send({ error: { code: invalid.code, message: errorMessage(invalid, t) } });
  }
  const status = (error as { statusCode?: number }).statusCode ?? 500;
  if (status < 500) {
    const message = (error as Error).message;
    return reply.status(status).send({ error: { code: 'request.invalid', message: t('errors|request.invalid', { message }) } });
  }
  return reply.status(500).send({ error: { code: 'internal', message: errorMessage(error, t) } });
}
