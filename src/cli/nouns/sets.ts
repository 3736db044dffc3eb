import type { Command } from 'commander';
import { addSet } from '../../commands/addSet.js';
import { deleteSet } from '../../commands/deleteSet.js';
import { editSet } from '../../commands/editSet.js';
import { parseWhere } from '../../commands/helpers/analysisFilter.js';
import { listSets } from '../../commands/listSets.js';
import { collect } from '../session.js';
import type { Wire } from '../wire.js';

const kindOf = (v: unknown) => (v === undefined ? undefined : (String(v) as 'source' | 'case'));

/** `koda set add|list|members|remove`: source sets and case sets (commands/addSet.ts and its kin). */
export function setCommands(program: Command, wire: Wire) {
  const set = program.command('set').description('source sets and case sets, made by hand or from a case attribute');
  set
    .command('add')
    .description('make a set: members by --source/--case, or --from-attribute attr=value (follows the attribute)')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--kind <kind>', 'source or case')
    .requiredOption('--name <name>', 'the set’s name')
    .option('--description <text>', 'what the set is for', '')
    .option('--source <source>', 'a source of a source set (repeatable)', collect, [])
    .option('--case <case>', 'a case of a case set (repeatable)', collect, [])
    .option('--from-attribute <attr=value>', 'the cases holding this value (for a source set: their sources)')
    .option('--snapshot', 'with --from-attribute: keep today’s members instead of following the attribute')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await addSet(ctx, {
          project: String(opts.project),
          kind: String(opts.kind) as 'case',
          name: String(opts.name),
          description: String(opts.description),
          members: [...(opts.source as string[]), ...(opts.case as string[])],
          fromAttribute: opts.fromAttribute === undefined ? undefined : parseWhere(String(opts.fromAttribute)),
          snapshot: Boolean(opts.snapshot),
        });
        out.result(r, () => out.t('cli|set.added', { name: r.name, count: r.members }));
      }),
    );
  set
    .command('list')
    .description('list the sets with their members')
    .requiredOption('--project <project>', 'project name or id')
    .option('--kind <kind>', 'only source or case sets')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await listSets(ctx, { project: String(opts.project), kind: kindOf(opts.kind) });
        out.result(r, () =>
          r.sets.length === 0
            ? out.t('cli|none')
            : r.sets.map((s) =>
                [
                  s.kind,
                  s.name,
                  s.rule ? `${s.rule.attribute}=${s.rule.value}` : '-',
                  s.members.map((m) => m.name).join(', ') || '-',
                ].join('\t'),
              ),
        );
      }),
    );
  set
    .command('members <set>')
    .description('add members to a set or take them out; rename it')
    .requiredOption('--project <project>', 'project name or id')
    .option('--kind <kind>', 'source or case, when a source set and a case set share the name')
    .option('--add <member>', 'a source or case to add (repeatable)', collect, [])
    .option('--remove <member>', 'a source or case to take out (repeatable)', collect, [])
    .option('--rename <name>', 'a new name')
    .option('--freeze', 'a set following an attribute keeps its members now and stops following')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const r = await editSet(ctx, {
          project: String(opts.project),
          set: name,
          kind: kindOf(opts.kind),
          add: opts.add as string[],
          remove: opts.remove as string[],
          name: opts.rename === undefined ? undefined : String(opts.rename),
          freeze: Boolean(opts.freeze),
        });
        out.result(r, () => out.t('cli|set.edited', { name: r.name, added: r.added, removed: r.removed }));
      }),
    );
  set
    .command('remove <set>')
    .description('delete a set (its sources and cases stay)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--kind <kind>', 'source or case, when a source set and a case set share the name')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const r = await deleteSet(ctx, { project: String(opts.project), set: name, kind: kindOf(opts.kind) });
        out.result(r, () => out.t('cli|set.deleted', { name: r.name }));
      }),
    );
}
