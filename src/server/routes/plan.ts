import { z } from 'zod';
import { getTranscriptionPlan } from '../../commands/getTranscriptionPlan.js';
import { markTranscriptionDone } from '../../commands/markTranscriptionDone.js';
import { planTranscription } from '../../commands/planTranscription.js';
import { ProjectParams, type RouteDeps } from './types.js';

/** The transcription plan: who transcribes which interview or part of one, and progress. */
export function planRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/transcription-plan',
    { config: { rule: { read: true } }, schema: { tags: ['plan'], params: ProjectParams } },
    (req) => getTranscriptionPlan(contextFor(req), req.params),
  );
  app.put(
    '/api/projects/:project/transcription-plan',
    {
      config: { rule: { action: 'transcription.plan' } },
      schema: {
        tags: ['plan'],
        params: ProjectParams,
        body: z.object({
          transcribers: z.array(z.object({ name: z.string(), share: z.number().optional() })),
          sources: z.array(z.string()).optional(),
        }),
      },
    },
    (req) => planTranscription(contextFor(req), { ...req.body, ...req.params }),
  );
  app.post(
    '/api/projects/:project/transcription-plan/done',
    {
      config: { rule: { action: 'transcription.mark-done' } },
      schema: {
        tags: ['plan'],
        params: ProjectParams,
        body: z.object({ source: z.string(), transcriber: z.string(), done: z.boolean() }),
      },
    },
    (req) => markTranscriptionDone(contextFor(req), { ...req.body, ...req.params }),
  );
}
