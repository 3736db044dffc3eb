import type { Command } from 'commander';
import { addCode } from '../../commands/addCode.js';
import { applyCodebookTemplate } from '../../commands/applyCodebookTemplate.js';
import { deleteCode } from '../../commands/deleteCode.js';
import { editCode } from '../../commands/editCode.js';
import { type CodebookNode, getCodebook } from '../../commands/getCodebook.js';
import { mergeCodes } from '../../commands/mergeCodes.js';
import { moveCode } from '../../commands/moveCode.js';
import { confirm } from '../confirm.js';
import { integer } from '../session.js';
import type { Wire } from '../wire.js';

export function codeCommands(program: Command, wire: Wire) {
  const code = program.command('code').description('the codebook: themes, categories and codes');
  code
    .command('add <name>')
    .description('add a code (or category or theme) to the codebook')
    .requiredOption('--project <project>', 'project name or id')
    .option('--parent <code>', 'parent node, by name, path (A/B) or id')
    .option('--color <#rrggbb>', 'colour; the parent’s when absent')
    .option('--description <text>', 'definition: what to code with it', '')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const c = await addCode(ctx, {
          project: String(opts.project),
          name,
          parent: opts.parent as string | undefined,
          color: opts.color as string | undefined,
          description: String(opts.description),
        });
        out.result(c, () => out.t('cli|code.added', c));
      }),
    );
  code
    .command('edit <code>')
    .description('rename, recolour or redefine a code')
    .requiredOption('--project <project>', 'project name or id')
    .option('--name <name>', 'new name')
    .option('--color <#rrggbb>', 'new colour')
    .option('--description <text>', 'new definition')
    .action(
      wire(async ({ ctx, out, opts }, ref: string) => {
        const c = await editCode(ctx, {
          project: String(opts.project),
          code: ref,
          name: opts.name as string | undefined,
          color: opts.color as string | undefined,
          description: opts.description as string | undefined,
        });
        out.result(c, () => out.t('cli|code.edited', c));
      }),
    );
  code
    .command('move <code>')
    .description('move a code under another (--parent), to the top level (--top), or reorder it (--position)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--parent <code>', 'new parent')
    .option('--top', 'move to the top level')
    .option('--position <n>', '0-based place among its new siblings', integer)
    .action(
      wire(async ({ ctx, out, opts }, ref: string) => {
        const parent = opts.top ? null : (opts.parent as string | undefined);
        const c = await moveCode(ctx, {
          project: String(opts.project),
          code: ref,
          parent,
          position: opts.position as number | undefined,
        });
        out.result(c, () => out.t('cli|code.moved', { name: ref }));
      }),
    );
  code
    .command('merge <from>')
    .description('merge a code into another: its segments, children and memos move over')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--into <code>', 'the code that remains')
    .action(
      wire(async ({ ctx, out, opts }, from: string) => {
        const r = await mergeCodes(ctx, { project: String(opts.project), from, into: String(opts.into) });
        out.result(r, () => out.t('cli|code.merged', r));
      }),
    );
  code
    .command('delete <code>')
    .description('delete a code and its branch (refused while it codes segments, unless --with-segments)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--with-segments', 'also delete the segments coded with it')
    .option('--yes', 'do not ask for confirmation')
    .action(
      wire(async ({ ctx, out, opts, io }, ref: string) => {
        const input = { project: String(opts.project), code: ref, withSegments: Boolean(opts.withSegments) };
        const preview = await deleteCode(ctx, { ...input, dryRun: true });
        await confirm(io, out.t('cli|confirm.delete-code', preview), Boolean(opts.yes));
        const r = await deleteCode(ctx, input);
        out.result(r, () => out.t('cli|code.deleted', r));
      }),
    );
  code
    .command('list')
    .description('the codebook tree with segment counts')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const tree = await getCodebook(ctx, { project: String(opts.project) });
        out.result(tree, () => (tree.length === 0 ? out.t('cli|none') : treeLines(tree, 0)));
      }),
    );

  program
    .command('codebook')
    .description('codebook templates')
    .command('template <template>')
    .description('add a built-in codebook, e.g. traffic-light')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, template: string) => {
        const r = await applyCodebookTemplate(ctx, { project: String(opts.project), template });
        out.result(r, () => out.t('cli|codebook.template', r));
      }),
    );
}

function treeLines(nodes: CodebookNode[], depth: number): string[] {
  return nodes.flatMap((n) => [
    `${'  '.repeat(depth)}${n.name}  ${n.color}  (${n.branchSegments})`,
    ...treeLines(n.children, depth + 1),
  ]);
}
