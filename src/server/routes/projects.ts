import { Input as CreateProject, createProject } from '../../commands/createProject.js';
import { listHistory, redo, undo } from '../../commands/history.js';
import { listProjects } from '../../commands/listProjects.js';
import { ProjectParams, type RouteDeps } from './types.js';

export function projectRoutes({ app, contextFor }: RouteDeps) {
  app.get('/api/projects', { config: { rule: { signedIn: true } }, schema: { tags: ['projects'] } }, (req) =>
    listProjects(contextFor(req)),
  );
  app.post(
    '/api/projects',
    { config: { rule: { signedIn: true } }, schema: { tags: ['projects'], body: CreateProject } },
    async (req, reply) => reply.status(201).send(await createProject(contextFor(req), req.body)),
  );
  app.post(
    '/api/projects/:project/undo',
    { config: { rule: { action: 'history.undo' } }, schema: { tags: ['history'], params: ProjectParams } },
    (req) => undo(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/redo',
    { config: { rule: { action: 'history.redo' } }, schema: { tags: ['history'], params: ProjectParams } },
    (req) => redo(contextFor(req), req.params),
  );
  app.get(
    '/api/projects/:project/history',
    { config: { rule: { read: true } }, schema: { tags: ['history'], params: ProjectParams } },
    (req) => listHistory(contextFor(req), req.params),
  );
}
