import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { listAudit } from '../../commands/listAudit.js';
import { listConsent } from '../../commands/listConsent.js';
import { recordConsent } from '../../commands/recordConsent.js';
import { markTranscriptVerified, setRetention } from '../../commands/retention.js';
import { withdrawParticipant } from '../../commands/withdrawParticipant.js';
import { KodaError } from '../../core/errors.js';
import { confirm } from '../confirm.js';
import { integer, type Session } from '../session.js';
import type { Wire } from '../wire.js';

/** Consent register, withdrawal, retention of originals and the audit log. */
export function privacyCommands(program: Command, wire: Wire) {
  const consent = program.command('consent').description('the consent register');
  consent
    .command('record <case>')
    .description('record a participant’s written consent, optionally attaching the signed form')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--letter <version>', 'version of the information letter given')
    .requiredOption('--date <YYYY-MM-DD>', 'date of consent')
    .option('--form <file>', 'the signed consent form (pdf, image, …)')
    .option('--note <text>', 'a note', '')
    .action(
      wire(async ({ ctx, out, opts }, name: string) => {
        const form = opts.form ? await readForm(String(opts.form)) : undefined;
        const r = await recordConsent(ctx, {
          project: String(opts.project),
          case: name,
          letterVersion: String(opts.letter),
          consentedOn: String(opts.date),
          note: String(opts.note),
          form,
        });
        out.result(r, () => out.t('cli|consent.recorded', r));
      }),
    );
  consent
    .command('list')
    .description('the consent overview: every case with its consent, and how many withdrew')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await listConsent(ctx, { project: String(opts.project) });
        out.result(r, () => [
          ...r.cases.map((c) =>
            c.consent
              ? `${c.name}\t${c.consent.letterVersion}\t${c.consent.consentedOn}\t${c.consent.form ?? '-'}`
              : `${c.name}\t${out.t('cli|consent.none')}`,
          ),
          out.t('cli|consent.withdrawn', { count: r.withdrawn }),
        ]);
      }),
    );

  program.commands
    .find((c) => c.name() === 'case')
    ?.command('withdraw <case>')
    .description('a participant withdraws: erase their sources, coding, memos, attributes, consent and files everywhere')
    .requiredOption('--project <project>', 'project name or id')
    .option('--yes', 'do not ask for confirmation')
    .action(
      wire(async ({ ctx, out, opts, io }, name: string) => {
        const input = { project: String(opts.project), case: name };
        const preview = await withdrawParticipant(ctx, { ...input, dryRun: true });
        await confirm(io, out.t('cli|confirm.withdraw', preview), Boolean(opts.yes));
        const r = await withdrawParticipant(ctx, input);
        out.result(r, () => out.t('cli|case.withdrawn', r));
      }),
    );

  const source = program.commands.find((c) => c.name() === 'source');
  source
    ?.command('verify <source>')
    .description('mark a transcript verified against its recording (deletes the original if its retention rule says so)')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, ref: string) => {
        const r = await markTranscriptVerified(ctx, { project: String(opts.project), source: ref });
        out.result(r, () => retentionLines(out, r, 'cli|source.verified'));
      }),
    );
  source
    ?.command('retention <source>')
    .description('delete the uploaded original once the transcript is verified (--delete-original), or keep it (--keep-original)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--delete-original', 'delete the original once verified')
    .option('--keep-original', 'keep the original')
    .option('--delete-recording', 'delete the recording once verified')
    .option('--keep-recording', 'keep the recording')
    .action(
      wire(async ({ ctx, out, opts }, ref: string) => {
        const r = await setRetention(ctx, {
          project: String(opts.project),
          source: ref,
          deleteOriginalWhenVerified: rule(opts.deleteOriginal, opts.keepOriginal),
          deleteRecordingWhenVerified: rule(opts.deleteRecording, opts.keepRecording),
        });
        out.result(r, () => retentionLines(out, r));
      }),
    );

  program
    .command('audit')
    .description('the audit log: who did what, when, to which ids (no text content)')
    .option('--project <project>', 'only this project')
    .option('--action <action>', 'only this action, e.g. case.withdraw')
    .option('--limit <n>', 'how many events', integer, 200)
    .action(
      wire(async ({ ctx, out, opts }) => {
        const rows = await listAudit(ctx, {
          project: opts.project as string | undefined,
          action: opts.action as string | undefined,
          limit: opts.limit as number,
        });
        out.result(rows, () =>
          rows.length === 0
            ? out.t('cli|none')
            : rows.map(
                (r) =>
                  `${r.at}\t${r.actor}${r.account ? ` (${r.account.id})` : ''}\t${r.action}\t${r.objects
                    .map((o) => (o.kind === null ? out.t('cli|audit.deleted', o) : o.name ? `"${o.name}" ${o.id}` : o.id))
                    .join(', ')}\t${JSON.stringify(r.details)}`,
              ),
        );
      }),
    );
}

async function readForm(file: string) {
  try {
    return { fileName: basename(file), bytes: await readFile(file) };
  } catch (e) {
    throw new KodaError('file.unreadable', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

/** A retention flag pair: `--delete-x` on, `--keep-x` off, neither leaves the rule as it is. */
function rule(on: unknown, off: unknown): boolean | undefined {
  return off ? false : on ? true : undefined;
}

/** What a verification or a retention rule did: what it deleted, else that it was saved. */
function retentionLines(
  out: Session['out'],
  r: { name: string; originalDeleted: boolean; recordingDeleted: boolean },
  saved = 'cli|source.retention',
): string[] {
  const lines = [
    ...(r.originalDeleted ? [out.t('cli|source.original-deleted', r)] : []),
    ...(r.recordingDeleted ? [out.t('cli|source.recording-deleted', r)] : []),
  ];
  return lines.length > 0 ? lines : [out.t(saved, r)];
}
