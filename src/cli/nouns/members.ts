import type { Command } from 'commander';
import type { Role } from '../../commands/actions.js';
import { addMember } from '../../commands/members/addMember.js';
import { listMembers } from '../../commands/members/listMembers.js';
import { removeMember } from '../../commands/members/removeMember.js';
import { setMemberRole } from '../../commands/members/setMemberRole.js';
import type { Wire } from '../wire.js';

const ROLE_HELP = 'owner, coder or viewer';

/** `koda member add|role|remove|list`: who may open a project, and as what. */
export function memberCommands(program: Command, wire: Wire) {
  const member = program.command('member').description('the people of a project and their roles (owner, coder, viewer)');
  member
    .command('add <name>')
    .description('give an account a role in a project')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--role <role>', ROLE_HELP)
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const r = await addMember(ctx, { project: String(opts.project), name, role: opts.role as Role });
        out.result(r, () => out.t('cli|member.added', { ...r, role: out.t(`cli|role.${r.role}`) }));
      }),
    );
  member
    .command('role <name>')
    .description('change a member’s role')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--role <role>', ROLE_HELP)
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const r = await setMemberRole(ctx, { project: String(opts.project), name, role: opts.role as Role });
        out.result(r, () => out.t('cli|member.role-changed', { ...r, role: out.t(`cli|role.${r.role}`) }));
      }),
    );
  member
    .command('remove <name>')
    .description('take a person’s access to a project away (their coding stays)')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const r = await removeMember(ctx, { project: String(opts.project), name });
        out.result(r, () => out.t('cli|member.removed', r));
      }),
    );
  member
    .command('list')
    .description('the members of a project with their roles')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await listMembers(ctx, { project: String(opts.project) });
        out.result(r, () =>
          r.members.map((m) =>
            [m.name, out.t(`cli|role.${m.role}`), ...(m.disabled ? [out.t('cli|member.disabled')] : [])].join('\t'),
          ),
        );
      }),
    );
}
