import type { Command } from 'commander';
import { getTranscriptionPlan } from '../../commands/getTranscriptionPlan.js';
import type { TranscriptionPlanView } from '../../commands/helpers/transcriptionPlan.js';
import { markTranscriptionDone } from '../../commands/markTranscriptionDone.js';
import { planTranscription } from '../../commands/planTranscription.js';
import { formatLength } from '../../core/interviews/log.js';
import { parseTranscriber } from '../../core/planning/transcriberArg.js';
import type { Output } from '../io.js';
import { collect } from '../session.js';
import type { Wire } from '../wire.js';

/** `koda plan …`: the transcription workload plan (who transcribes which interview, or part of one) and its progress. */
export function planCommands(program: Command, wire: Wire) {
  const plan = program.command('plan').description('the transcription plan: who transcribes what, and progress');
  plan
    .command('transcription')
    .description('split the interviews’ minutes between transcribers (whole interviews, or one cut at a turn boundary)')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--transcriber <name[=share]>', 'a transcriber, with a share of the minutes (repeatable)', collect, [])
    .option('--source <source>', 'an interview to plan (repeatable; default: every one with a length)', collect)
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await planTranscription(ctx, {
          project: String(opts.project),
          transcribers: (opts.transcriber as string[]).map(parseTranscriber),
          sources: opts.source as string[] | undefined,
        });
        out.result(r, () => [
          out.t('plan|planned', { interviews: r.interviews, transcribers: r.transcribers.length, splits: r.splitInterviews }),
          ...planTable(r, out),
        ]);
      }),
    );
  plan
    .command('show')
    .description('the plan as a table, and each transcriber’s minutes planned and done')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await getTranscriptionPlan(ctx, { project: String(opts.project) });
        out.result(r, () => (r.plan ? planTable(r, out) : out.t('plan|no-plan')));
      }),
    );
  plan
    .command('done')
    .description('mark a transcriber’s part of an interview transcribed (--undo takes the mark back)')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'the interview’s source, by name or id')
    .requiredOption('--transcriber <name>', 'whose part')
    .option('--undo', 'mark it not transcribed')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const args = { project: String(opts.project), source: String(opts.source), transcriber: String(opts.transcriber) };
        const r = await markTranscriptionDone(ctx, { ...args, done: !opts.undo });
        out.result(r, () => out.t(opts.undo ? 'plan|marked-undone' : 'plan|marked-done', args));
      }),
    );
}

function planTable(r: TranscriptionPlanView, out: Output): string[] {
  const rows = r.parts.map((p) =>
    [
      p.source.name,
      p.transcriber,
      p.split ? `${formatLength(p.startMs)}–${formatLength(p.endMs)}` : out.t('plan|whole'),
      formatLength(p.endMs - p.startMs),
      out.t(p.doneBy === 'mark' ? 'plan|done' : p.doneBy === 'verified' ? 'plan|verified' : 'plan|not-done'),
    ].join('\t'),
  );
  const people = r.transcribers.map((t) =>
    out.t('plan|person-line', {
      name: t.name,
      planned: formatLength(t.plannedMs),
      target: formatLength(t.targetMs),
      interviews: t.interviews,
      done: formatLength(t.doneMs),
    }),
  );
  const missing =
    r.notPlanned.length > 0 ? [out.t('plan|not-planned', { sources: r.notPlanned.map((s) => s.name).join(', ') })] : [];
  return [...rows, '', ...people, ...missing];
}
