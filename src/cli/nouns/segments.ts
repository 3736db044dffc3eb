import type { Command } from 'commander';
import { applyCoding } from '../../commands/applyCoding.js';
import { listHistory, redo, undo } from '../../commands/history.js';
import { removeSegment } from '../../commands/removeSegment.js';
import { retrieveSegments } from '../../commands/retrieveSegments.js';
import { setSegmentMemo } from '../../commands/setSegmentMemo.js';
import { setFilterFrom, withSetFilter } from '../filterOptions.js';
import { integer } from '../session.js';
import type { Wire } from '../wire.js';

export function segmentCommands(program: Command, wire: Wire) {
  const segment = program.command('segment').description('code spans of text');
  segment
    .command('add')
    .description('apply a code to [start, end) in code points of a source')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'source name or id')
    .requiredOption('--start <n>', 'start offset (code points, 0-based)', integer)
    .requiredOption('--end <n>', 'end offset (exclusive)', integer)
    .requiredOption('--code <code>', 'code name, path or id')
    .option('--memo <text>', 'a memo on the segment', '')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const s = await applyCoding(ctx, {
          project: String(opts.project),
          source: String(opts.source),
          code: String(opts.code),
          start: opts.start as number,
          end: opts.end as number,
          memo: String(opts.memo),
          ...(opts.coder ? { coder: String(opts.coder) } : {}),
        });
        for (const w of s.warnings) out.warn(out.t(`warnings|${w.code}`, w.params));
        out.result(s, () => out.t('cli|segment.added', s));
      }),
    );
  segment
    .command('remove <segment>')
    .description('remove a coded segment by id')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, id: string) => {
        const r = await removeSegment(ctx, { project: String(opts.project), segment: id });
        out.result(r, () => out.t('cli|segment.removed', r));
      }),
    );
  segment
    .command('memo <segment> <text>')
    .description('write the memo of a segment (empty text clears it)')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, id: string, memo: string) => {
        const r = await setSegmentMemo(ctx, { project: String(opts.project), segment: id, memo });
        out.result(r, () => out.t('cli|segment.memo'));
      }),
    );
  withSetFilter(program.command('segments'))
    .description('retrieve coded segments by code (with its branch), case, source or coder')
    .requiredOption('--project <project>', 'project name or id')
    .option('--code <code>', 'code, category or theme (includes codes below it)')
    .option('--only', 'with --code: not the codes below it')
    .option('--case <case>', 'case')
    .option('--source <source>', 'source')
    .option('--by <coder>', 'only this coder’s segments')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const rows = await retrieveSegments(ctx, {
          project: String(opts.project),
          code: opts.code as string | undefined,
          includeDescendants: !opts.only,
          case: opts.case as string | undefined,
          source: opts.source as string | undefined,
          coder: opts.by as string | undefined,
          filter: setFilterFrom(opts),
        });
        out.result(rows, () =>
          rows.length === 0
            ? out.t('cli|none')
            : rows.map((r) => `${r.source.name} ${r.start}–${r.end} [${r.code.name}] (${r.case?.name ?? '-'}) ${r.text}`),
        );
      }),
    );

  for (const [name, run, key] of [
    ['undo', undo, 'cli|history.undone'],
    ['redo', redo, 'cli|history.redone'],
  ] as const) {
    program
      .command(name)
      .description(`${name} the project's last ${name === 'undo' ? 'change' : 'undone change'}`)
      .requiredOption('--project <project>', 'project name or id')
      .action(
        wire(async ({ ctx, out, opts }) => {
          const r = await run(ctx, { project: String(opts.project) });
          out.result(r, () => out.t(key, r));
        }),
      );
  }
  program
    .command('history')
    .description('the project’s recent changes, newest first')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const rows = await listHistory(ctx, { project: String(opts.project) });
        out.result(rows, () =>
          rows.length === 0 ? out.t('cli|none') : rows.map((r) => `${r.seq}\t${r.state}\t${r.action}\t${r.actor}\t${r.at}`),
        );
      }),
    );
}
