import type { Command } from 'commander';
import { createDemoProject } from '../../commands/createDemoProject.js';
import { createProject } from '../../commands/createProject.js';
import { listProjects } from '../../commands/listProjects.js';
import type { Wire } from '../wire.js';

export function projectCommands(program: Command, wire: Wire) {
  const project = program.command('project').description('create and list projects');
  project
    .command('create <name>')
    .description('create an empty project')
    .option('--language <sv|en>', 'language of reports and templates', 'sv')
    .option('--description <text>', 'what the study is about', '')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const p = await createProject(ctx, {
          name,
          language: opts.language as 'sv' | 'en',
          description: String(opts.description),
        });
        out.result(p, () => out.t('cli|project.created', p));
      }),
    );
  project
    .command('list')
    .description('list projects with their counts')
    .action(
      wire(async ({ ctx, out }) => {
        const list = await listProjects(ctx);
        out.result(list, () =>
          list.length === 0
            ? out.t('cli|none')
            : list.map(
                (p) =>
                  `${p.name}\t${out.t('counts|sources', { count: p.sources })}, ${out.t('counts|cases', { count: p.cases })}, ${out.t('counts|codes', { count: p.codes })}, ${out.t('counts|segments', { count: p.segments })}\t${p.id}`,
              ),
        );
      }),
    );
  program
    .command('demo')
    .description('create the demo project "Omega (demo)"')
    .action(
      wire(async ({ ctx, out }) => {
        const demo = await createDemoProject(ctx);
        out.result(demo, () => out.t('cli|demo.created', demo));
      }),
    );
}
