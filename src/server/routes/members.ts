import { z } from 'zod';
import { addMember } from '../../commands/members/addMember.js';
import { listMembers } from '../../commands/members/listMembers.js';
import { removeMember } from '../../commands/members/removeMember.js';
import { setMemberRole } from '../../commands/members/setMemberRole.js';
import { ProjectParams, type RouteDeps } from './types.js';

const Role = z.enum(['owner', 'coder', 'viewer']);
const MemberParams = ProjectParams.extend({ name: z.string() });

/** The people of a project and their roles: the owner's Members panel. */
export function memberRoutes({ app, contextFor }: RouteDeps) {
  app.get(
    '/api/projects/:project/members',
    { config: { rule: { role: 'owner' } }, schema: { tags: ['members'], params: ProjectParams } },
    (req) => listMembers(contextFor(req), req.params),
  );
  app.post(
    '/api/projects/:project/members',
    {
      config: { rule: { action: 'member.add' } },
      schema: { tags: ['members'], params: ProjectParams, body: z.object({ name: z.string(), role: Role }) },
    },
    async (req, reply) => reply.status(201).send(await addMember(contextFor(req), { ...req.body, ...req.params })),
  );
  app.put(
    '/api/projects/:project/members/:name/role',
    {
      config: { rule: { action: 'member.role' } },
      schema: { tags: ['members'], params: MemberParams, body: z.object({ role: Role }) },
    },
    (req) => setMemberRole(contextFor(req), { ...req.body, ...req.params }),
  );
  app.delete(
    '/api/projects/:project/members/:name',
    { config: { rule: { action: 'member.remove' } }, schema: { tags: ['members'], params: MemberParams } },
    (req) => removeMember(contextFor(req), req.params),
  );
}
