import type { Command } from 'commander';
import { attachRecording } from '../../commands/attachRecording.js';
import { importRecording } from '../../commands/importRecording.js';
import { listRecordings } from '../../commands/listRecordings.js';
import { removeRecording } from '../../commands/removeRecording.js';
import { confirm } from '../confirm.js';
import { streamUpload } from '../readUpload.js';
import type { Session } from '../session.js';
import type { Wire } from '../wire.js';

/** Recordings of interviews: attach to a source, import alone to transcribe, list, remove. */
export function recordingCommands(program: Command, wire: Wire) {
  const recording = program
    .command('recording')
    .description('audio and video recordings of interviews (wav, mp3, ogg/opus, m4a, webm, mp4)');
  recording
    .command('attach <file>')
    .description('attach a recording to a source (replaces the one it has)')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'source name or id')
    .action(
      wire(async ({ ctx, out, opts }, file: string) => {
        const { content, size } = await streamUpload(file);
        const r = await attachRecording(ctx, {
          project: String(opts.project),
          source: String(opts.source),
          fileName: file,
          content,
          declaredBytes: size,
        });
        const key = r.replaced ? 'cli|recording.replaced' : 'cli|recording.attached';
        out.result(r, () => out.t(key, { ...r, source: r.source.name, length: lengthOf(out, r.durationMs) }));
      }),
    );
  recording
    .command('import <file>')
    .description('import a recording alone, as a new source with an empty transcript to write')
    .requiredOption('--project <project>', 'project name or id')
    .option('--case <case>', 'the case (participant) the interview belongs to')
    .action(
      wire(async ({ ctx, out, opts }, file: string) => {
        const { content, size } = await streamUpload(file);
        const r = await importRecording(ctx, {
          project: String(opts.project),
          fileName: file,
          content,
          declaredBytes: size,
          case: opts.case as string | undefined,
        });
        out.result(r, () => out.t('cli|recording.imported', { ...r, length: lengthOf(out, r.durationMs) }));
      }),
    );
  recording
    .command('remove')
    .description("erase a source's recording for good")
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'source name or id')
    .option('--yes', 'do not ask for confirmation')
    .action(
      wire(async ({ ctx, out, opts, io }) => {
        await confirm(io, out.t('cli|confirm.remove-recording', { source: String(opts.source) }), Boolean(opts.yes));
        const r = await removeRecording(ctx, { project: String(opts.project), source: String(opts.source) });
        out.result(r, () => out.t('cli|recording.removed', { source: r.source.name }));
      }),
    );
  recording
    .command('list')
    .description("the project's recordings: source, file, type, length, size")
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const list = await listRecordings(ctx, { project: String(opts.project) });
        out.result(list, () =>
          list.length === 0
            ? out.t('cli|none')
            : list.map((r) => [r.source.name, r.fileName, r.mediaType, lengthOf(out, r.durationMs), r.sizeBytes].join('\t')),
        );
      }),
    );
}

/** A length in seconds, to a tenth. */
function lengthOf(out: Session['out'], ms: number | null): string {
  return ms === null ? out.t('cli|recording.no-length') : `${(ms / 1000).toFixed(1)} s`;
}
