import type { MemberAdded, MemberList, MemberRemoved, MemberRoleSet } from '../../src/server/apiTypes.js';
import { projectPath, request } from './api.js';

/** The people of a project and their roles (src/server/routes/members.ts): the owner's Members panel. */

export type { Member, MemberList } from '../../src/server/apiTypes.js';
export type MemberRole = MemberList['members'][number]['role'];
export const MEMBER_ROLES: MemberRole[] = ['owner', 'coder', 'viewer'];

const p = projectPath;
const member = (project: string, name: string) => `${p(project)}/members/${encodeURIComponent(name)}`;

export const membersApi = {
  list: (project: string) => request<MemberList>('GET', `${p(project)}/members`),
  add: (project: string, name: string, role: MemberRole) => request<MemberAdded>('POST', `${p(project)}/members`, { name, role }),
  setRole: (project: string, name: string, role: MemberRole) =>
    request<MemberRoleSet>('PUT', `${member(project, name)}/role`, { role }),
  remove: (project: string, name: string) => request<MemberRemoved>('DELETE', member(project, name)),
};
