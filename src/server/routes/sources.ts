import { Readable } from 'node:stream';
import { z } from 'zod';
import { deleteSource } from '../../commands/deleteSource.js';
import { editTranscript } from '../../commands/editTranscript.js';
import { getSource } from '../../commands/getSource.js';
import { getSourceCoding } from '../../commands/getSourceCoding.js';
import { jsonObjectChunks } from '../../commands/helpers/jsonChunks.js';
import { importSource } from '../../commands/importSource.js';
import { linkSourceToCase } from '../../commands/linkSourceToCase.js';
import { linkTurnsToCase } from '../../commands/linkTurnsToCase.js';
import { listSources } from '../../commands/listSources.js';
import { previewSource } from '../../commands/previewSource.js';
import { renameSource } from '../../commands/renameSource.js';
import { parseSpeakerMapping } from '../../core/transcript/speakerMapping.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

const SourceParams = ProjectParams.extend({ source: z.string() });

export function sourceRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/sources',
    { config: { rule: { read: true } }, schema: { tags: ['sources'], params: ProjectParams } },
    (req) => listSources(contextFor(req), req.params),
  );
  // The file is the raw request body (application/octet-stream), so the browser can report
  // upload progress; its name and case come in the query. Text already in the project is
  // refused unless the client says what to do with it: the user is asked first.
  app.post(
    '/api/projects/:project/sources',
    {
      config: { rule: { action: 'source.import' } },
      schema: {
        tags: ['sources'],
        params: ProjectParams,
        querystring: z.object({
          fileName: z.string().min(1),
          case: z.string().optional(),
          newCase: z.string().optional(),
          name: z.string().optional(),
          ifDuplicate: z.enum(['ask', 'copy', 'skip']).default('ask'),
          // `speaker=SPEAKER_00=Albin`, repeated: a speaker's turns to a case, existing or new.
          speaker: z.union([z.string(), z.array(z.string())]).optional(),
        }),
      },
    },
    async (req, reply) => {
      const bytes = req.body instanceof Uint8Array ? req.body : new Uint8Array();
      const { speaker, ...query } = req.query;
      const speakers = [speaker ?? []].flat().map(parseSpeakerMapping);
      const result = await importSource(contextFor(req), { project: req.params.project, bytes, ...query, speakers });
      return reply.status(201).send(result);
    },
  );
  // What a file would import as (its speakers, to map to cases before importing), writing nothing.
  app.post(
    '/api/projects/:project/sources/preview',
    {
      config: { rule: { action: 'source.import' } },
      schema: { tags: ['sources'], params: ProjectParams, querystring: z.object({ fileName: z.string().min(1) }) },
    },
    (req) => {
      const bytes = req.body instanceof Uint8Array ? req.body : new Uint8Array();
      return previewSource(contextFor(req), { project: req.params.project, bytes, fileName: req.query.fileName });
    },
  );
  app.get(
    '/api/projects/:project/sources/:source',
    { config: { rule: { read: true } }, schema: { tags: ['sources'], params: SourceParams } },
    // Streamed: a subtitle file's 200,000 turns are too much JSON to write in one go.
    async (req, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send(Readable.from(jsonObjectChunks(await getSource(contextFor(req), req.params), 'turns'))),
  );
  // The coding of one source as the document view draws it, packed in columns (core/sourceCoding.ts):
  // ids, offsets, code, coder and memos, not the text, code names and colours the browser already has.
  app.get(
    '/api/projects/:project/sources/:source/segments',
    { config: { rule: { read: true } }, schema: { tags: ['sources'], params: SourceParams } },
    (req) => getSourceCoding(contextFor(req), req.params),
  );
  app.delete(
    '/api/projects/:project/sources/:source',
    {
      config: { rule: { action: 'source.delete' } },
      schema: { tags: ['sources'], params: SourceParams, querystring: z.object({ dryRun: flag }) },
    },
    (req) => deleteSource(contextFor(req), { ...req.params, dryRun: req.query.dryRun }),
  );
  app.put(
    '/api/projects/:project/sources/:source/name',
    {
      config: { rule: { action: 'source.rename' } },
      schema: { tags: ['sources'], params: SourceParams, body: z.object({ name: z.string() }) },
    },
    (req) => renameSource(contextFor(req), { ...req.params, ...req.body }),
  );
  // The whole edited text, with the hash of the text it was made on (409 when that changed).
  app.put(
    '/api/projects/:project/sources/:source/text',
    {
      config: { rule: { action: 'source.edit-text' } },
      schema: { tags: ['sources'], params: SourceParams, body: z.object({ text: z.string(), baseHash: z.string() }) },
    },
    (req) => editTranscript(contextFor(req), { ...req.params, ...req.body }),
  );
  app.put(
    '/api/projects/:project/sources/:source/case',
    {
      config: { rule: { action: 'source.link-case' } },
      schema: { tags: ['sources'], params: SourceParams, body: z.object({ case: z.string().nullable() }) },
    },
    (req) => linkSourceToCase(contextFor(req), { ...req.params, ...req.body }),
  );
  app.put(
    '/api/projects/:project/sources/:source/turns/case',
    {
      config: { rule: { action: 'turn.link-case' } },
      schema: {
        tags: ['sources'],
        params: SourceParams,
        body: z.object({
          speaker: z.string().optional(),
          turns: z.array(z.number().int()).optional(),
          case: z.string().nullable(),
        }),
      },
    },
    (req) => linkTurnsToCase(contextFor(req), { ...req.params, ...req.body }),
  );
}
