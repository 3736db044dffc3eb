import type { Command } from 'commander';
import { deleteMemo } from '../../commands/deleteMemo.js';
import { MEMO_TARGETS } from '../../commands/helpers/memos.js';
import { listMemos } from '../../commands/listMemos.js';
import { writeMemo } from '../../commands/writeMemo.js';
import { parseTargetRef } from '../targetRef.js';
import type { Wire } from '../wire.js';

const ON_HELP = 'what it is on: project, source:NAME, case:NAME, code:NAME (or path A/B) or segment:ID';

/** A memo's title when none is given: the first line of its text, shortened. */
const titleOf = (text: string) => {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
};

export function memoCommands(program: Command, wire: Wire) {
  const memo = program.command('memo').description('memos on the project, a source, a case, a code or a segment');
  memo
    .command('add <text>')
    .description('write a memo (its title: --title, else the first line of the text)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--on <target>', ON_HELP, 'project')
    .option('--title <title>', 'title of the memo')
    .action(
      wire(async ({ ctx, out, opts }, text: string) => {
        const target = parseTargetRef(String(opts.on), MEMO_TARGETS, 'memo.on-unknown');
        const title = (opts.title as string | undefined) ?? titleOf(text);
        const r = await writeMemo(ctx, { project: String(opts.project), ...target, title, body: text });
        out.result(r, () => out.t('cli|memo.written', { title, id: r.id }));
      }),
    );
  memo
    .command('list')
    .description('list memos, newest first, with what each is on')
    .requiredOption('--project <project>', 'project name or id')
    .option('--on <target>', `only the memos on this: ${ON_HELP}; or a kind alone (code, segment, …)`)
    .option('--search <words>', 'only memos holding every one of these words (in any form: stemmed)')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const on = opts.on ? parseListTarget(String(opts.on)) : {};
        const list = await listMemos(ctx, { project: String(opts.project), ...on, q: opts.search as string | undefined });
        out.result(list, () =>
          list.length === 0
            ? out.t('cli|none')
            : list.map((m) =>
                [m.id, `${m.target}:${m.targetName}`, m.title, m.body.replace(/\s+/g, ' ').slice(0, 120)].join('\t'),
              ),
        );
      }),
    );
  memo
    .command('edit <memo> [text]')
    .description('rewrite a memo: its text, its title (--title), or both')
    .requiredOption('--project <project>', 'project name or id')
    .option('--title <title>', 'new title')
    .action(
      wire(async ({ ctx, out, opts }, id: string, text: string | undefined) => {
        const project = String(opts.project);
        const current = (await listMemos(ctx, { project })).find((m) => m.id === id);
        const title = (opts.title as string | undefined) ?? current?.title ?? '';
        const r = await writeMemo(ctx, { project, memo: id, title, body: text ?? current?.body ?? '' });
        out.result(r, () => out.t('cli|memo.edited', { title }));
      }),
    );
  memo
    .command('remove <memo>')
    .description('delete a memo (and the theory links to it)')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, id: string) => {
        const r = await deleteMemo(ctx, { project: String(opts.project), memo: id });
        out.result(r, () => out.t('cli|memo.deleted', r));
      }),
    );
}

/** `--on` of `memo list`: a kind alone lists all memos on that kind of thing. */
function parseListTarget(value: string) {
  const kind = MEMO_TARGETS.find((k) => k === value.trim().toLowerCase());
  return kind ? { target: kind } : parseTargetRef(value, MEMO_TARGETS, 'memo.on-unknown');
}
