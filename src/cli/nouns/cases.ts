import type { Command } from 'commander';
import { addCase } from '../../commands/addCase.js';
import { defineAttribute } from '../../commands/defineAttribute.js';
import { deleteCase } from '../../commands/deleteCase.js';
import { listCases } from '../../commands/listCases.js';
import { setCaseAttributes } from '../../commands/setCaseAttributes.js';
import { confirm } from '../confirm.js';
import { collectPairs } from '../session.js';
import type { Wire } from '../wire.js';

export function caseCommands(program: Command, wire: Wire) {
  const cases = program.command('case').description('cases (participants) and their attributes');
  cases
    .command('add <name>')
    .description('add a case with attribute values')
    .requiredOption('--project <project>', 'project name or id')
    .option('--attr <key=value>', 'attribute value (repeatable)', collectPairs, {})
    .option('--description <text>', 'a short description', '')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const c = await addCase(ctx, {
          project: String(opts.project),
          name,
          attributes: opts.attr as Record<string, string>,
          description: String(opts.description),
        });
        out.result(c, () => out.t('cli|case.added', c));
      }),
    );
  cases
    .command('set <case>')
    .description('set or clear (empty value) attribute values of a case')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--attr <key=value>', 'attribute value (repeatable)', collectPairs, {})
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const c = await setCaseAttributes(ctx, {
          project: String(opts.project),
          case: name,
          attributes: opts.attr as Record<string, string>,
        });
        out.result(c, () => out.t('cli|case.updated', { name }));
      }),
    );
  cases
    .command('list')
    .description('list cases with their attributes')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const list = await listCases(ctx, { project: String(opts.project) });
        out.result(list, () =>
          list.cases.length === 0
            ? out.t('cli|none')
            : list.cases.map((c) =>
                [c.name, ...list.attributes.map((a) => `${a.name}=${c.attributes[a.name] ?? ''}`)].join('\t'),
              ),
        );
      }),
    );
  cases
    .command('delete <case>')
    .description('delete a case, its attribute values and memos (its sources too with --with-sources)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--with-sources', 'also delete its sources and all their coding')
    .option('--yes', 'do not ask for confirmation')
    .action(
      wire(async ({ ctx, out, opts, io }, name: string) => {
        const input = { project: String(opts.project), case: name, withSources: Boolean(opts.withSources) };
        const preview = await deleteCase(ctx, { ...input, dryRun: true });
        const extra = input.withSources ? out.t('cli|confirm.with-sources', { count: preview.sources }) : '';
        await confirm(io, out.t('cli|confirm.delete-case', { name: preview.name, extra }), Boolean(opts.yes));
        const result = await deleteCase(ctx, input);
        out.result(result, () => out.t('cli|case.deleted', { name: result.name }));
      }),
    );

  const attribute = program.command('attribute').description('typed case attributes');
  attribute
    .command('add <name>')
    .description('declare an attribute: text, number, date, boolean or choice')
    .requiredOption('--project <project>', 'project name or id')
    .option('--type <type>', 'text | number | date | boolean | choice', 'text')
    .option('--choices <a,b,c>', 'allowed values of a choice attribute', '')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const choices = String(opts.choices)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const a = await defineAttribute(ctx, { project: String(opts.project), name, type: String(opts.type), choices });
        out.result(a, () => out.t('cli|attribute.defined', a));
      }),
    );
}
