import { z } from 'zod';
import { Input as AddConcept, addConcept } from '../../commands/addConcept.js';
import { deleteConcept } from '../../commands/deleteConcept.js';
import { Input as EditConcept, editConcept } from '../../commands/editConcept.js';
import { LINK_KINDS } from '../../commands/helpers/theory.js';
import { linkConcept } from '../../commands/linkConcept.js';
import { listConcepts } from '../../commands/listConcepts.js';
import { unlinkConcept } from '../../commands/unlinkConcept.js';
import { ProjectParams, type RouteDeps } from './types.js';

const ConceptParams = ProjectParams.extend({ concept: z.string() });
const LinkParams = ConceptParams.extend({ target: z.enum(LINK_KINDS), on: z.string() });

/** Theory concepts and their links to codes, segments and memos. */
export function theoryRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/theory',
    { config: { rule: { read: true } }, schema: { tags: ['theory'], params: ProjectParams } },
    async (req) => ({ concepts: await listConcepts(contextFor(req), req.params) }),
  );
  app.post(
    '/api/projects/:project/theory',
    {
      config: { rule: { action: 'theory.add' } },
      schema: { tags: ['theory'], params: ProjectParams, body: AddConcept.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await addConcept(contextFor(req), { ...req.body, ...req.params })),
  );
  app.patch(
    '/api/projects/:project/theory/:concept',
    {
      config: { rule: { action: 'theory.edit' } },
      schema: { tags: ['theory'], params: ConceptParams, body: EditConcept.omit({ project: true, concept: true }) },
    },
    (req) => editConcept(contextFor(req), { ...req.body, ...req.params }),
  );
  app.delete(
    '/api/projects/:project/theory/:concept',
    { config: { rule: { action: 'theory.delete' } }, schema: { tags: ['theory'], params: ConceptParams } },
    (req) => deleteConcept(contextFor(req), req.params),
  );
  app.put(
    '/api/projects/:project/theory/:concept/links/:target/:on',
    { config: { rule: { action: 'theory.link' } }, schema: { tags: ['theory'], params: LinkParams } },
    (req) => linkConcept(contextFor(req), req.params),
  );
  app.delete(
    '/api/projects/:project/theory/:concept/links/:target/:on',
    { config: { rule: { action: 'theory.unlink' } }, schema: { tags: ['theory'], params: LinkParams } },
    (req) => unlinkConcept(contextFor(req), req.params),
  );
}
