import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getConsentForm } from '../../commands/getConsentForm.js';
import type { CommandContext } from '../../commands/helpers/context.js';
import { listAudit } from '../../commands/listAudit.js';
import { listConsent } from '../../commands/listConsent.js';
import { listRetention } from '../../commands/listRetention.js';
import { recordConsent } from '../../commands/recordConsent.js';
import { markTranscriptVerified, setRetention } from '../../commands/retention.js';
import { withdrawParticipant } from '../../commands/withdrawParticipant.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

const CaseParams = ProjectParams.extend({ case: z.string() });
const SourceParams = ProjectParams.extend({ source: z.string() });

export function privacyRoutes({ app, contextFor }: RouteDeps) {
  // Withdrawing drops pseudonym entries only the participant's material used, from the key too:
  // that needs the key's secret, given as for the pseudonym routes (`x-koda-pseudonym-key`).
  const withSecret = (req: FastifyRequest): CommandContext => {
    const header = req.headers['x-koda-pseudonym-key'];
    const ctx = contextFor(req);
    return typeof header === 'string' && header !== '' ? { ...ctx, pseudonymSecret: header } : ctx;
  };
  app.get(
    '/api/projects/:project/consent',
    { config: { rule: { read: true } }, schema: { tags: ['privacy'], params: ProjectParams } },
    (req) => listConsent(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/cases/:case/consent',
    {
      config: { rule: { action: 'consent.record' } },
      schema: {
        tags: ['privacy'],
        params: CaseParams,
        body: z.object({
          letterVersion: z.string(),
          consentedOn: z.string(),
          note: z.string().optional(),
          /** The signed form, base64-encoded. */
          form: z.object({ fileName: z.string(), mediaType: z.string().optional(), base64: z.string() }).optional(),
        }),
      },
    },
    (req) => {
      const { form, ...rest } = req.body;
      const attached = form
        ? { fileName: form.fileName, mediaType: form.mediaType, bytes: Buffer.from(form.base64, 'base64') }
        : undefined;
      return recordConsent(contextFor(req), { ...req.params, ...rest, form: attached });
    },
  );
  app.get(
    '/api/projects/:project/cases/:case/consent/form',
    { config: { rule: { role: 'owner' } }, schema: { tags: ['privacy'], params: CaseParams } },
    async (req, reply) => {
      const form = await getConsentForm(contextFor(req), req.params);
      return reply
        .type(form.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(form.fileName)}`)
        .send(Buffer.from(form.bytes));
    },
  );
  app.post(
    '/api/projects/:project/cases/:case/withdraw',
    {
      config: { rule: { action: 'case.withdraw' } },
      schema: { tags: ['privacy'], params: CaseParams, querystring: z.object({ dryRun: flag }) },
    },
    (req) => withdrawParticipant(withSecret(req), { ...req.params, dryRun: req.query.dryRun }),
  );
  app.get(
    '/api/projects/:project/retention',
    { config: { rule: { read: true } }, schema: { tags: ['privacy'], params: ProjectParams } },
    (req) => listRetention(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/sources/:source/verify',
    { config: { rule: { action: 'source.verify' } }, schema: { tags: ['privacy'], params: SourceParams } },
    (req) => markTranscriptVerified(contextFor(req), req.params),
  );
  app.put(
    '/api/projects/:project/sources/:source/retention',
    {
      config: { rule: { action: 'source.retention' } },
      schema: {
        tags: ['privacy'],
        params: SourceParams,
        body: z.object({
          deleteOriginalWhenVerified: z.boolean().optional(),
          deleteRecordingWhenVerified: z.boolean().optional(),
        }),
      },
    },
    (req) => setRetention(contextFor(req), { ...req.params, ...req.body }),
  );
  app.get(
    '/api/audit',
    {
      config: { rule: { role: 'owner', projectIn: 'query' } },
      schema: {
        tags: ['privacy'],
        querystring: z.object({
          project: z.string().optional(),
          action: z.string().optional(),
          limit: z.coerce.number().int().optional(),
        }),
      },
    },
    (req) => listAudit(contextFor(req), req.query),
  );
}
