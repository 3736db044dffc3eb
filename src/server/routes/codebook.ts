import { z } from 'zod';
import { Input as AddCode, addCode } from '../../commands/addCode.js';
import { applyCodebookTemplate } from '../../commands/applyCodebookTemplate.js';
import { deleteCode } from '../../commands/deleteCode.js';
import { Input as EditCode, editCode } from '../../commands/editCode.js';
import { getCodebook } from '../../commands/getCodebook.js';
import { mergeCodes } from '../../commands/mergeCodes.js';
import { Input as MoveCode, moveCode } from '../../commands/moveCode.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

const CodeParams = ProjectParams.extend({ code: z.string() });

export function codebookRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/codebook',
    { config: { rule: { read: true } }, schema: { tags: ['codebook'], params: ProjectParams } },
    (req) => getCodebook(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/codes',
    {
      config: { rule: { action: 'code.add' } },
      schema: { tags: ['codebook'], params: ProjectParams, body: AddCode.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await addCode(contextFor(req), { ...req.body, ...req.params })),
  );
  app.patch(
    '/api/projects/:project/codes/:code',
    {
      config: { rule: { action: 'code.edit' } },
      schema: { tags: ['codebook'], params: CodeParams, body: EditCode.omit({ project: true, code: true }) },
    },
    (req) => editCode(contextFor(req), { ...req.body, ...req.params }),
  );
  app.post(
    '/api/projects/:project/codes/:code/move',
    {
      config: { rule: { action: 'code.move' } },
      schema: { tags: ['codebook'], params: CodeParams, body: MoveCode.omit({ project: true, code: true }) },
    },
    (req) => moveCode(contextFor(req), { ...req.body, ...req.params }),
  );
  app.post(
    '/api/projects/:project/codes/:code/merge',
    {
      config: { rule: { action: 'code.merge' } },
      schema: { tags: ['codebook'], params: CodeParams, body: z.object({ into: z.string() }) },
    },
    (req) => mergeCodes(contextFor(req), { project: req.params.project, from: req.params.code, into: req.body.into }),
  );
  app.delete(
    '/api/projects/:project/codes/:code',
    {
      config: { rule: { action: 'code.delete' } },
      schema: { tags: ['codebook'], params: CodeParams, querystring: z.object({ withSegments: flag, dryRun: flag }) },
    },
    (req) => deleteCode(contextFor(req), { ...req.params, ...req.query }),
  );
  app.post(
    '/api/projects/:project/codebook/templates/:template',
    {
      config: { rule: { action: 'codebook.template' } },
      schema: { tags: ['codebook'], params: ProjectParams.extend({ template: z.string() }) },
    },
    (req) => applyCodebookTemplate(contextFor(req), req.params),
  );
}
