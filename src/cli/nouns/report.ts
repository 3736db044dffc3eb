import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { Command } from 'commander';
import { buildReport } from '../../commands/buildReport.js';
import { setFilterFrom, withSetFilter } from '../filterOptions.js';
import type { Wire } from '../wire.js';
import { lazyBar, writeWhole } from './queries.js';

/**
 * `koda report`: the results draft as docx, Markdown or HTML. A Markdown report's figures are
 * written as SVG files into a folder beside it (`<name>-figures/`), linked from the text.
 */
export function reportCommands(program: Command, wire: Wire) {
  withSetFilter(program.command('report'))
    .description(
      'the results draft: theme → category → code with definitions, cases and attributed quotes, a cases table, figures',
    )
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--out <file>', 'the file to write (replaced if it exists)')
    .option('--format <format>', 'docx, md or html (default: from --out, else docx)')
    .option('--attributes <names>', 'attributes in the cases table, comma-separated (default: all)')
    .option('--no-cases-table', 'leave out the cases table')
    .option('--no-methods', 'leave out the method section (the interview log and the guide’s questions)')
    .option('--memos', 'include memos on the project, codes and quoted segments')
    .option('--no-charts', 'leave out the figures')
    .option('--by <coder>', 'only this coder’s (or consensus layer’s) segments')
    .action(
      wire(async ({ ctx, out, opts, io }) => {
        const file = String(opts.out);
        const ext = extname(file).slice(1).toLowerCase();
        const format = (opts.format ? String(opts.format) : ext === 'md' || ext === 'html' ? ext : 'docx') as 'docx';
        const folder = `${basename(file, extname(file))}-figures`;
        const bar = lazyBar(io, out, out.t('cli|report.progress'));
        const r = await buildReport(
          ctx,
          {
            project: String(opts.project),
            format,
            attributes:
              opts.attributes === undefined
                ? undefined
                : String(opts.attributes)
                    .split(',')
                    .map((s) => s.trim())
                    .filter(Boolean),
            casesTable: opts.casesTable !== false,
            methods: opts.methods !== false,
            memos: Boolean(opts.memos),
            charts: opts.charts !== false,
            coder: opts.by as string | undefined,
            filter: setFilterFrom(opts),
            figureFolder: folder,
          },
          { progress: bar.progress },
        );
        bar.stop();
        await writeWhole(file, r.bytes);
        const written: string[] = [];
        for (const f of r.files) {
          const path = join(dirname(file), f.path);
          await mkdir(dirname(path), { recursive: true });
          await writeWhole(path, f.bytes);
          written.push(path);
        }
        for (const w of r.warnings) out.warn(out.t(`warnings|${w.code}`, w.params));
        const { bytes: _bytes, files: _files, ...rest } = r;
        out.result({ ...rest, file, files: written }, () => [
          out.t('cli|report.written', { file, ...r.counts }),
          ...written.map((f) => out.t('cli|file.written', { file: f })),
        ]);
      }),
    );
}
