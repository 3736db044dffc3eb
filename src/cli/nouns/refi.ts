import { rename, rm, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { exportProject } from '../../commands/exportProject.js';
import { importRefi, type SummaryItem } from '../../commands/importRefi.js';
import { KodaError } from '../../core/errors.js';
import type { Output } from '../io.js';
import { readUpload } from '../readUpload.js';
import type { Session } from '../session.js';
import type { Wire } from '../wire.js';

/** `koda import`, and `koda export` of a project (export.ts): REFI-QDA projects (.qdpx) and codebooks (.qdc). */
export function refiCommands(program: Command, wire: Wire) {
  program
    .command('import <file>')
    .description('import a REFI-QDA project (.qdpx) into a new project, or a codebook (.qdc) into a new or existing project')
    .option(
      '--project <name>',
      'name of the new project (default: the name in the file); for a .qdc, may name an existing project',
    )
    .option('--language <sv|en>', 'language of a new project')
    .action(
      wire(async ({ ctx, out, opts }, file: string) => {
        const bytes = await readUpload(file);
        const result = await importRefi(ctx, {
          fileName: file,
          bytes,
          project: opts.project as string | undefined,
          language: opts.language as 'sv' | 'en' | undefined,
        });
        const headline = result.project.created
          ? out.t('cli|refi.imported', { file, project: result.project.name, ...result.counts })
          : out.t('cli|refi.imported-codebook', { file, project: result.project.name, ...result.counts });
        out.result(result, () => [headline, ...summaryLines(out, result.summary, 'cli|refi.not-carried')]);
      }),
    );
}

/** `koda export [project]`: the project as REFI-QDA, a .qdpx project or a .qdc codebook. */
export async function exportRefiProject({ ctx, out, opts }: Session): Promise<void> {
  const file = String(opts.out);
  const format = opts.format ? String(opts.format) : file.toLowerCase().endsWith('.qdc') ? 'qdc' : 'qdpx';
  const result = await exportProject(ctx, { project: String(opts.project), format: format as 'qdpx' | 'qdc' });
  await writeWhole(file, result.bytes);
  const { bytes: _bytes, ...rest } = result;
  out.result({ ...rest, file }, () => [
    out.t('cli|refi.exported', { project: String(opts.project), file, format: result.format }),
    ...summaryLines(out, result.summary, 'cli|refi.export-not-carried'),
  ]);
}

/** The summary as lines: a heading, then one line per kind with its examples. */
function summaryLines(out: Output, summary: SummaryItem[], heading: string): string[] {
  if (summary.length === 0) return [];
  return [
    out.t(heading),
    ...summary.map((item) => {
      const line = out.t(`refi|summary.${item.kind}`, { count: item.count });
      return `  - ${line}${item.examples.length > 0 ? ` (${item.examples.map((e) => `"${e}"`).join(', ')})` : ''}`;
    }),
  ];
}

/** Writes beside the target and renames, so a failed export never leaves half a file. */
async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.part`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (e) {
    await rm(temporary, { force: true });
    throw new KodaError('file.unwritable', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}
