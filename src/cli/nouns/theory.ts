import type { Command } from 'commander';
import { addConcept } from '../../commands/addConcept.js';
import { deleteConcept } from '../../commands/deleteConcept.js';
import { editConcept } from '../../commands/editConcept.js';
import { LINK_KINDS } from '../../commands/helpers/theory.js';
import { linkConcept } from '../../commands/linkConcept.js';
import { listConcepts } from '../../commands/listConcepts.js';
import { unlinkConcept } from '../../commands/unlinkConcept.js';
import { parseTargetRef } from '../targetRef.js';
import type { Wire } from '../wire.js';

const TARGET_HELP = 'code:NAME (or path A/B), segment:ID or memo:ID';

export function theoryCommands(program: Command, wire: Wire) {
  const theory = program.command('theory').description('theory concepts, linked to codes, segments and memos');
  theory
    .command('add <name>')
    .description('add a concept, e.g. handlingsutrymme --reference "Lipsky 2010"')
    .requiredOption('--project <project>', 'project name or id')
    .option('--definition <text>', 'what the concept means in this study', '')
    .option('--reference <text>', 'where it comes from', '')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const r = await addConcept(ctx, {
          project: String(opts.project),
          name,
          definition: String(opts.definition),
          reference: String(opts.reference),
        });
        out.result(r, () => out.t('cli|theory.added', r));
      }),
    );
  theory
    .command('edit <concept>')
    .description('rename a concept or rewrite its definition or reference')
    .requiredOption('--project <project>', 'project name or id')
    .option('--name <name>', 'new name')
    .option('--definition <text>', 'new definition')
    .option('--reference <text>', 'new reference')
    .action(
      wire(async ({ ctx, out, opts }, concept: string) => {
        const r = await editConcept(ctx, {
          project: String(opts.project),
          concept,
          name: opts.name as string | undefined,
          definition: opts.definition as string | undefined,
          reference: opts.reference as string | undefined,
        });
        out.result(r, () => out.t('cli|theory.edited', r));
      }),
    );
  theory
    .command('remove <concept>')
    .description('delete a concept and its links (what it was linked to stays)')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, concept: string) => {
        const r = await deleteConcept(ctx, { project: String(opts.project), concept });
        out.result(r, () => out.t('cli|theory.deleted', r));
      }),
    );
  theory
    .command('link <concept> <target>')
    .description(`link a concept to ${TARGET_HELP}`)
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, concept: string, target: string) => {
        const ref = parseTargetRef(target, LINK_KINDS, 'concept.on-unknown');
        const r = await linkConcept(ctx, { project: String(opts.project), concept, target: ref.target, on: ref.on ?? '' });
        const words = { concept: r.concept, target: ref.target, on: ref.on };
        out.result(r, () => out.t(r.added ? 'cli|theory.linked' : 'cli|theory.already-linked', words));
      }),
    );
  theory
    .command('unlink <concept> <target>')
    .description(`take a concept's link to ${TARGET_HELP} away`)
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, concept: string, target: string) => {
        const ref = parseTargetRef(target, LINK_KINDS, 'concept.on-unknown');
        const r = await unlinkConcept(ctx, { project: String(opts.project), concept, target: ref.target, on: ref.on ?? '' });
        out.result(r, () => out.t('cli|theory.unlinked', { concept: r.concept, target: ref.target, on: ref.on }));
      }),
    );
  theory
    .command('list')
    .description('list concepts with their definitions, references and what they are linked to')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const list = await listConcepts(ctx, { project: String(opts.project) });
        out.result({ concepts: list }, () =>
          list.length === 0
            ? out.t('cli|none')
            : list.flatMap((c) => [
                [c.name, c.reference, c.definition].filter(Boolean).join(' — '),
                ...c.codes.map((k) => `  code\t${k.name}\t${out.t('counts|segments', { count: k.segments })}`),
                ...c.segments.map((s) => `  segment\t${s.id}\t${s.case?.name ?? s.source.name}\t“${s.text}”`),
                ...c.memos.map((m) => `  memo\t${m.id}\t${m.title}`),
              ]),
        );
      }),
    );
}
