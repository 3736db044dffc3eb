import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { addGuideVersion } from '../../commands/addGuideVersion.js';
import { confirmQuestionPlace } from '../../commands/confirmQuestionPlace.js';
import { exportInterviewLog } from '../../commands/exportInterviewLog.js';
import { listGuide } from '../../commands/listGuide.js';
import { listInterviews } from '../../commands/listInterviews.js';
import { locateGuideQuestions } from '../../commands/locateGuideQuestions.js';
import { setInterview } from '../../commands/setInterview.js';
import { KodaError } from '../../core/errors.js';
import { formatLength } from '../../core/interviews/log.js';
import { collect } from '../session.js';
import type { Wire } from '../wire.js';
import { writeWhole } from './queries.js';

/** `koda guide …` (the interview guide's versions, where each question was asked) and `koda interview …` (the interview log). */
export function interviewCommands(program: Command, wire: Wire) {
  const guide = program.command('guide').description('the interview guide: versions of its questions, and where each was asked');
  guide
    .command('add')
    .description('add a version of the guide: its questions in order and the day it took effect')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--version <name>', 'the version’s name, e.g. 2')
    .requiredOption('--from <YYYY-MM-DD>', 'the day the version took effect')
    .option('--question <text>', 'a question (repeatable, in order)', collect, [])
    .option('--file <file>', 'a text file with one question a line (bullets and numbers are dropped)')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await addGuideVersion(ctx, {
          project: String(opts.project),
          version: String(opts.version),
          from: String(opts.from),
          questions: opts.question as string[],
          questionList: opts.file ? await readText(String(opts.file)) : undefined,
        });
        out.result(r, () => out.t('guide|version-added', { ...r, count: r.questions }));
      }),
    );
  guide
    .command('list')
    .description('the guide’s versions, each with its questions')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await listGuide(ctx, { project: String(opts.project) });
        out.result(r, () =>
          r.versions.length === 0
            ? out.t('guide|no-guide')
            : r.versions.flatMap((v) => [
                out.t('guide|version-line', { name: v.name, from: v.effectiveFrom }),
                ...v.questions.map((q) => `  ${q.position}. ${q.text}`),
              ]),
        );
      }),
    );
  guide
    .command('places')
    .description('where each question of the guide was asked in one interview (confirmed, or found by word overlap with a score)')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'the interview’s source, by name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await locateGuideQuestions(ctx, { project: String(opts.project), source: String(opts.source) });
        out.result(r, () =>
          r.version === null
            ? out.t('guide|no-guide')
            : r.questions.map(
                (q) =>
                  `${q.position}.\t${q.asked ? (q.confirmed ? '✓' : q.score.toFixed(2)) : '-'}\t${q.turn ? `#${q.turn.position + 1}` : '-'}\t${q.text}`,
              ),
        );
      }),
    );
  guide
    .command('confirm')
    .description('confirm the turn where a question was asked (--turn none takes a confirmation back)')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'the interview’s source, by name or id')
    .requiredOption('--question <id>', 'the question’s id (koda guide places --json)')
    .requiredOption('--turn <id>', 'the turn’s id, or none')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const turn = String(opts.turn);
        const r = await confirmQuestionPlace(ctx, {
          project: String(opts.project),
          source: String(opts.source),
          question: String(opts.question),
          turn: turn === 'none' ? null : turn,
        });
        out.result(r, () => out.t('guide|place-confirmed', r));
      }),
    );

  const interview = program
    .command('interview')
    .description('the interview log: date, place, length, interviewers, guide version, …');
  interview
    .command('log')
    .description('the interview log, one interview a line; --out FILE.xlsx writes it as a spreadsheet')
    .requiredOption('--project <project>', 'project name or id')
    .option('--out <file>', 'write the log as xlsx')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const project = String(opts.project);
        if (opts.out) {
          const file = String(opts.out);
          const r = await exportInterviewLog(ctx, { project });
          await writeWhole(file, r.bytes);
          out.result({ file, interviews: r.interviews }, () => out.t('guide|log-written', { file, count: r.interviews }));
          return;
        }
        const r = await listInterviews(ctx, { project });
        out.result(r, () =>
          r.interviews.map((i) =>
            [
              i.source.name,
              i.heldOn ?? '-',
              i.length
                ? `${formatLength(i.length.ms)}${i.length.from === 'recording' ? ` ${out.t('guide|recording-length')}` : ''}`
                : '-',
              i.place || '-',
              i.interviewers.join(', ') || '-',
              i.guideVersion
                ? i.guideVersion.logged
                  ? i.guideVersion.name
                  : out.t('guide|by-date', { version: i.guideVersion.name })
                : '-',
              i.consent?.consentedOn ?? out.t('guide|consent-missing'),
              i.transcriber || '-',
              i.verifiedAt?.slice(0, 10) ?? out.t('guide|not-verified'),
            ].join('\t'),
          ),
        );
      }),
    );
  interview
    .command('set <source>')
    .description('log facts of one interview (each option left out stays as it is; an empty value clears it)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--date <YYYY-MM-DD>', 'when it was held')
    .option('--place <text>', 'where it was held')
    .option('--length <length>', 'minutes, mm:ss or h:mm:ss (a recording’s own length is shown instead)')
    .option('--interviewer <name>', 'an interviewer (repeatable; replaces the list)', collect)
    .option('--guide <version>', 'the guide version used (default: by the date)')
    .option('--transcriber <name>', 'who transcribed it')
    .action(
      wire(async ({ ctx, out, opts }, source: string) => {
        const r = await setInterview(ctx, {
          project: String(opts.project),
          source,
          heldOn: opts.date as string | undefined,
          place: opts.place as string | undefined,
          length: opts.length as string | undefined,
          interviewers: opts.interviewer as string[] | undefined,
          guideVersion: opts.guide as string | undefined,
          transcriber: opts.transcriber as string | undefined,
        });
        out.result(r, () => out.t('guide|interview-set', r));
      }),
    );
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new KodaError('file.unreadable', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}
