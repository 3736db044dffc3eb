import { Readable } from 'node:stream';
import { z } from 'zod';
import { attachRecording } from '../../commands/attachRecording.js';
import { importRecording } from '../../commands/importRecording.js';
import { readRecording } from '../../commands/readRecording.js';
import { removeRecording } from '../../commands/removeRecording.js';
import { ProjectParams, type RouteDeps, type ZodApi } from './types.js';

const SourceParams = ProjectParams.extend({ source: z.string() });

/**
 * Recordings. An upload is the raw request body, handed to the command as the stream it is (not
 * the server's parser for uploads, which reads a body whole): the command stores it a chunk at a
 * time. These routes live in a scope of their own so that only they take bodies as streams.
 */
export function recordingRoutes(deps: RouteDeps) {
  deps.app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, body, done) => done(null, body));
    routes({ ...deps, app: scope.withTypeProvider() as ZodApi });
  });
}

function routes({ app, contextFor }: RouteDeps) {
  const upload = (req: { body: unknown; headers: Record<string, string | string[] | undefined> }) => ({
    content: req.body instanceof Readable ? req.body : Readable.from([]),
    declaredBytes: req.headers['content-length'] === undefined ? undefined : Number(req.headers['content-length']),
  });
  app.post(
    '/api/projects/:project/sources/:source/recording',
    {
      config: { rule: { action: 'recording.attach' } },
      schema: { tags: ['recordings'], params: SourceParams, querystring: z.object({ fileName: z.string().min(1) }) },
    },
    async (req, reply) => {
      const result = await attachRecording(contextFor(req), { ...req.params, ...req.query, ...upload(req) });
      return reply.status(201).send(result);
    },
  );
  app.post(
    '/api/projects/:project/recordings',
    {
      config: { rule: { action: 'recording.import' } },
      schema: {
        tags: ['recordings'],
        params: ProjectParams,
        querystring: z.object({ fileName: z.string().min(1), case: z.string().optional(), name: z.string().optional() }),
      },
    },
    async (req, reply) => {
      const result = await importRecording(contextFor(req), { ...req.params, ...req.query, ...upload(req) });
      return reply.status(201).send(result);
    },
  );
  // A player's requests: the whole file, or the one range it asks for (206), 416 outside it.
  app.get(
    '/api/projects/:project/sources/:source/recording',
    { config: { rule: { read: true } }, schema: { tags: ['recordings'], params: SourceParams } },
    async (req, reply) => {
      const r = await readRecording(contextFor(req), { ...req.params, range: req.headers.range });
      reply.header('accept-ranges', 'bytes').header('cache-control', 'private, no-store');
      if (!r.range) return reply.status(416).header('content-range', `bytes */${r.sizeBytes}`).send();
      reply
        .status(r.partial ? 206 : 200)
        .type(r.mediaType)
        .header('content-length', r.range.end - r.range.start + 1);
      if (r.partial) reply.header('content-range', `bytes ${r.range.start}-${r.range.end}/${r.sizeBytes}`);
      return reply.send(r.bytes ? Readable.from(r.bytes) : '');
    },
  );
  app.delete(
    '/api/projects/:project/sources/:source/recording',
    { config: { rule: { action: 'recording.remove' } }, schema: { tags: ['recordings'], params: SourceParams } },
    (req) => removeRecording(contextFor(req), req.params),
  );
}
