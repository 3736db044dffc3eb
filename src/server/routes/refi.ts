import { z } from 'zod';
import { exportProject } from '../../commands/exportProject.js';
import { importRefi, type SummaryItem } from '../../commands/importRefi.js';
import { type Language, translator } from '../../i18n/index.js';
import { ProjectParams, type RouteDeps } from './types.js';

const MEDIA_TYPE = { qdpx: 'application/zip', qdc: 'application/xml; charset=utf-8' } as const;

/**
 * REFI-QDA: export as a download, import as an upload (the raw file as the request body, like a
 * source upload). The summary of what did not come over is in the export's `x-koda-summary`
 * header (URL-encoded JSON) and in the import's answer.
 */
export function refiRoutes({ app, contextFor, languageOf }: RouteDeps) {
  app.get(
    '/api/projects/:project/export',
    {
      config: { rule: { action: 'project.export-qdpx', when: { query: 'format', is: 'qdc', action: 'project.export-qdc' } } },
      schema: {
        tags: ['refi'],
        params: ProjectParams,
        querystring: z.object({ format: z.enum(['qdpx', 'qdc']).default('qdpx') }),
      },
    },
    async (req, reply) => {
      const result = await exportProject(contextFor(req), { project: req.params.project, format: req.query.format });
      return reply
        .header('content-type', MEDIA_TYPE[result.format])
        .header(
          'content-disposition',
          `attachment; filename="${asciiName(result.fileName)}"; filename*=UTF-8''${encodeURIComponent(result.fileName)}`,
        )
        .header('x-koda-summary', encodeURIComponent(JSON.stringify(described(result.summary, languageOf(req)))))
        .send(Buffer.from(result.bytes));
    },
  );
  app.post(
    '/api/import',
    {
      config: { rule: { signedIn: true } },
      schema: {
        tags: ['refi'],
        querystring: z.object({
          fileName: z.string().min(1),
          project: z.string().optional(),
          language: z.enum(['sv', 'en']).optional(),
        }),
      },
    },
    async (req, reply) => {
      const bytes = req.body instanceof Uint8Array ? req.body : new Uint8Array();
      const result = await importRefi(contextFor(req), { bytes, ...req.query });
      return reply.status(201).send(importAnswer(result, languageOf(req)));
    },
  );
}

/** The import's answer: the result with each summary item's sentence (its type is the browser's too). */
export function importAnswer(result: Awaited<ReturnType<typeof importRefi>>, language: Language) {
  return { ...result, summary: described(result.summary, language) };
}

/** Each summary item with its sentence in the asker's language (the CLI's wording too), for the UI to show as is. */
function described(summary: SummaryItem[], language: Language): (SummaryItem & { message: string })[] {
  const t = translator(language);
  return summary.map((item) => {
    const key = `refi|summary.${item.kind}`;
    const message = t(key, { count: item.count });
    return {
      ...item,
      message: message === key || message === key.slice('refi|'.length) ? `${item.kind}: ${item.count}` : message,
    };
  });
}

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]|["\\]/g, '_');
