import { z } from 'zod';
import { Input as AddCase, addCase } from '../../commands/addCase.js';
import { Input as DefineAttribute, defineAttribute } from '../../commands/defineAttribute.js';
import { deleteCase } from '../../commands/deleteCase.js';
import { listCases } from '../../commands/listCases.js';
import { Input as SetCaseAttributes, setCaseAttributes } from '../../commands/setCaseAttributes.js';
import { flag, ProjectParams, type RouteDeps } from './types.js';

const CaseParams = ProjectParams.extend({ case: z.string() });

export function caseRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/cases',
    { config: { rule: { read: true } }, schema: { tags: ['cases'], params: ProjectParams } },
    (req) => listCases(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/cases',
    {
      config: { rule: { action: 'case.add' } },
      schema: { tags: ['cases'], params: ProjectParams, body: AddCase.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await addCase(contextFor(req), { ...req.body, ...req.params })),
  );
  app.patch(
    '/api/projects/:project/cases/:case/attributes',
    {
      config: { rule: { action: 'case.set-attributes' } },
      schema: { tags: ['cases'], params: CaseParams, body: SetCaseAttributes.pick({ attributes: true }) },
    },
    (req) => setCaseAttributes(contextFor(req), { ...req.params, ...req.body }),
  );
  app.delete(
    '/api/projects/:project/cases/:case',
    {
      config: { rule: { action: 'case.delete' } },
      schema: { tags: ['cases'], params: CaseParams, querystring: z.object({ withSources: flag, dryRun: flag }) },
    },
    (req) => deleteCase(contextFor(req), { ...req.params, ...req.query }),
  );
  app.post(
    '/api/projects/:project/attributes',
    {
      config: { rule: { action: 'attribute.define' } },
      schema: { tags: ['cases'], params: ProjectParams, body: DefineAttribute.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await defineAttribute(contextFor(req), { ...req.body, ...req.params })),
  );
}
