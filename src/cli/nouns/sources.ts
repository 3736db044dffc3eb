import type { Command } from 'commander';
import { deleteSource } from '../../commands/deleteSource.js';
import { getSource } from '../../commands/getSource.js';
import { importSource } from '../../commands/importSource.js';
import { linkSourceToCase } from '../../commands/linkSourceToCase.js';
import { linkTurnsToCase } from '../../commands/linkTurnsToCase.js';
import { listSources } from '../../commands/listSources.js';
import { renameSource } from '../../commands/renameSource.js';
import { parseSpeakerMapping, type SpeakerMapping } from '../../core/transcript/speakerMapping.js';
import { confirm } from '../confirm.js';
import { progress } from '../progress.js';
import { readUpload } from '../readUpload.js';
import { collect, integer } from '../session.js';
import type { Wire } from '../wire.js';

export function sourceCommands(program: Command, wire: Wire) {
  const source = program.command('source').description('import, list, show and delete sources');
  source
    .command('import <files...>')
    .description(
      'import transcripts and documents (txt, md, docx, odt, pdf, vtt, srt; Whisper/WhisperX .json, oTranscribe .otr, f4 and Otter .txt)',
    )
    .requiredOption('--project <project>', 'project name or id')
    .option('--case <case>', 'the case (participant) the files belong to')
    .option(
      '--speaker <label=case>',
      "a speaker's turns to a case, existing or new (repeatable): --speaker SPEAKER_00=Albin",
      (v: string, p: SpeakerMapping[]) => [...p, parseSpeakerMapping(v)],
      [] as SpeakerMapping[],
    )
    .option('--keep-duplicates', 'import a file even when its text is already in the project (as a numbered copy)')
    .action(
      wire(async ({ ctx, out, opts, io }, files: string[]) => {
        const bar = progress(io, files.length, out.t('cli|import.progress'), !out.json);
        // Each file is its own transaction: an interrupted batch keeps the files it finished, and
        // running it again skips them (same text) instead of adding numbered copies.
        const imported: (Awaited<ReturnType<typeof importSource>> & { file: string })[] = [];
        try {
          for (const file of files) {
            const bytes = await readUpload(file);
            const result = await importSource(ctx, {
              project: String(opts.project),
              fileName: file,
              bytes,
              case: opts.case as string | undefined,
              speakers: opts.speaker as SpeakerMapping[],
              ifDuplicate: opts.keepDuplicates ? 'copy' : 'skip',
            });
            for (const w of result.warnings) out.warn(out.t(`warnings|${w.code}`, w.params));
            imported.push({ ...result, file });
            bar.tick(result.name);
          }
        } finally {
          bar.stop();
        }
        out.result(imported, () =>
          imported.flatMap((r) => [
            out.t(r.skipped ? 'cli|source.skipped' : 'cli|source.imported', r),
            ...r.speakers.map((s) => out.t(s.created ? 'cli|source.speaker-linked-new' : 'cli|source.speaker-linked', s)),
          ]),
        );
      }),
    );
  source
    .command('list')
    .description('list sources with their case and segment counts')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const list = await listSources(ctx, { project: String(opts.project) });
        out.result(list, () =>
          list.length === 0
            ? out.t('cli|none')
            : list.map((s) => `${s.name}\t${s.kind}\t${s.case?.name ?? '-'}\t${s.length}\t${s.segments}\t${s.id}`),
        );
      }),
    );
  source
    .command('show <source>')
    .description('show a source: its canonical text and speaker turns (--json for all of it)')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, ref: string) => {
        const s = await getSource(ctx, { project: String(opts.project), source: ref });
        out.result(s, () => s.text);
      }),
    );
  source
    .command('delete <source>')
    .description('delete a source with its turns, segments, their memos and its recording')
    .requiredOption('--project <project>', 'project name or id')
    .option('--yes', 'do not ask for confirmation')
    .action(
      wire(async ({ ctx, out, opts, io }, ref: string) => {
        const input = { project: String(opts.project), source: ref };
        const preview = await deleteSource(ctx, { ...input, dryRun: true });
        // A recording goes for good: undo brings back the text only.
        const question = preview.recordings > 0 ? 'cli|confirm.delete-source-recording' : 'cli|confirm.delete-source';
        await confirm(io, out.t(question, preview), Boolean(opts.yes));
        const result = await deleteSource(ctx, input);
        out.result(result, () => out.t('cli|source.deleted', result));
      }),
    );
  source
    .command('link <source>')
    .description('link a source to a case (--case) or unlink it (--none)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--case <case>', 'the case')
    .option('--none', 'unlink from any case')
    .action(
      wire(async ({ ctx, out, opts }, ref: string) => {
        const result = await linkSourceToCase(ctx, {
          project: String(opts.project),
          source: ref,
          case: opts.none ? null : String(opts.case ?? ''),
        });
        out.result(result, () => out.t('cli|source.linked', { source: ref, case: opts.none ? '-' : String(opts.case) }));
      }),
    );

  source
    .command('rename <source> <name>')
    .description('give a source a new name')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, ref: string, name: string) => {
        const result = await renameSource(ctx, { project: String(opts.project), source: ref, name });
        out.result(result, () => out.t('cli|source.renamed', result));
      }),
    );
  const turn = program.command('turn').description('speaker turns of transcripts');
  turn
    .command('link')
    .description('attribute turns of a group interview to a case, by speaker label or by turn number')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'the source')
    .option('--speaker <label>', 'every turn with this speaker label')
    .option('--turn <n>', 'turn number, 0-based (repeatable)', (v: string, p: string[]) => collect(v, p), [] as string[])
    .option('--case <case>', 'the case that speaks them')
    .option('--none', 'unlink them from any case')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const turns = (opts.turn as string[]).map(integer);
        const result = await linkTurnsToCase(ctx, {
          project: String(opts.project),
          source: String(opts.source),
          ...(opts.speaker ? { speaker: String(opts.speaker) } : { turns }),
          case: opts.none ? null : String(opts.case ?? ''),
        });
        out.result(result, () =>
          out.t('cli|turns.linked', { count: result.turns.length, case: opts.none ? '-' : String(opts.case) }),
        );
      }),
    );
}
