import { z } from 'zod';
import { Input as AddSet, addSet } from '../../commands/addSet.js';
import { deleteSet } from '../../commands/deleteSet.js';
import { Input as EditSet, editSet } from '../../commands/editSet.js';
import { Input as ListSets, listSets } from '../../commands/listSets.js';
import { ProjectParams, type RouteDeps } from './types.js';

const SetParams = ProjectParams.extend({ set: z.string() });

/**
 * Source sets and case sets (commands/addSet.ts): listed with their members by anyone who may
 * read the project, made, changed and deleted by coders. `:set` is a name or an id; `?kind=`
 * tells a source set from a case set of the same name.
 */
export function setRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/sets',
    {
      config: { rule: { read: true } },
      schema: { tags: ['sets'], params: ProjectParams, querystring: ListSets.omit({ project: true }) },
    },
    (req) => listSets(contextFor(req), { ...req.query, ...req.params }),
  );
  app.post(
    '/api/projects/:project/sets',
    {
      config: { rule: { action: 'set.add' } },
      schema: { tags: ['sets'], params: ProjectParams, body: AddSet.omit({ project: true }) },
    },
    async (req, reply) => reply.status(201).send(await addSet(contextFor(req), { ...req.body, ...req.params })),
  );
  app.put(
    '/api/projects/:project/sets/:set',
    {
      config: { rule: { action: 'set.edit' } },
      schema: { tags: ['sets'], params: SetParams, body: EditSet.omit({ project: true, set: true }) },
    },
    (req) => editSet(contextFor(req), { ...req.body, ...req.params }),
  );
  app.delete(
    '/api/projects/:project/sets/:set',
    {
      config: { rule: { action: 'set.delete' } },
      schema: { tags: ['sets'], params: SetParams, querystring: z.object({ kind: z.enum(['source', 'case']).optional() }) },
    },
    (req) => deleteSet(contextFor(req), { ...req.query, ...req.params }),
  );
}
