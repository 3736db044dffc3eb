import { z } from 'zod';
import { addGuideVersion } from '../../commands/addGuideVersion.js';
import { confirmQuestionPlace } from '../../commands/confirmQuestionPlace.js';
import { exportInterviewLog } from '../../commands/exportInterviewLog.js';
import { listGuide } from '../../commands/listGuide.js';
import { listInterviews } from '../../commands/listInterviews.js';
import { locateGuideQuestions } from '../../commands/locateGuideQuestions.js';
import { setInterview } from '../../commands/setInterview.js';
import { download, downloadBody } from './queries.js';
import { ProjectParams, type RouteDeps } from './types.js';

const SourceParams = ProjectParams.extend({ source: z.string() });

/** The interview guide (versions, where each question was asked) and the interview log. */
export function interviewRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/guide',
    { config: { rule: { read: true } }, schema: { tags: ['interviews'], params: ProjectParams } },
    (req) => listGuide(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/guide/versions',
    {
      config: { rule: { action: 'guide.add-version' } },
      schema: {
        tags: ['interviews'],
        params: ProjectParams,
        body: z.object({
          version: z.string(),
          from: z.string(),
          questions: z.array(z.string()).optional(),
          /** Or one question a line. */
          questionList: z.string().optional(),
        }),
      },
    },
    (req) => addGuideVersion(contextFor(req), { ...req.body, ...req.params }),
  );
  app.get(
    '/api/projects/:project/sources/:source/guide',
    { config: { rule: { read: true } }, schema: { tags: ['interviews'], params: SourceParams } },
    (req) => locateGuideQuestions(contextFor(req), req.params),
  );
  app.put(
    '/api/projects/:project/sources/:source/guide/:question',
    {
      config: { rule: { action: 'guide.confirm-place' } },
      schema: {
        tags: ['interviews'],
        params: SourceParams.extend({ question: z.string() }),
        body: z.object({ turn: z.string().nullable() }),
      },
    },
    (req) => confirmQuestionPlace(contextFor(req), { ...req.params, turn: req.body.turn }),
  );
  app.get(
    '/api/projects/:project/interviews',
    { config: { rule: { read: true } }, schema: { tags: ['interviews'], params: ProjectParams } },
    (req) => listInterviews(contextFor(req), req.params),
  );
  app.get(
    '/api/projects/:project/interviews/export',
    { config: { rule: { read: true } }, schema: { tags: ['interviews'], params: ProjectParams } },
    async (req, reply) => {
      const r = await exportInterviewLog(contextFor(req), req.params);
      return download(reply, r.fileName, r.mediaType).send(downloadBody(r));
    },
  );
  app.put(
    '/api/projects/:project/sources/:source/interview',
    {
      config: { rule: { action: 'interview.set' } },
      schema: {
        tags: ['interviews'],
        params: SourceParams,
        body: z.object({
          heldOn: z.string().nullable().optional(),
          place: z.string().optional(),
          length: z.string().nullable().optional(),
          interviewers: z.array(z.string()).optional(),
          guideVersion: z.string().nullable().optional(),
          transcriber: z.string().optional(),
        }),
      },
    },
    (req) => setInterview(contextFor(req), { ...req.body, ...req.params }),
  );
}
