import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { acceptConsensus } from '../../commands/acceptConsensus.js';
import { compareLayers } from '../../commands/compareLayers.js';
import { type AgreementReport, computeAgreement } from '../../commands/computeAgreement.js';
import { computeAlpha } from '../../commands/computeAlpha.js';
import type { Figure } from '../../core/agreement/types.js';
import { KodaError } from '../../core/errors.js';
import { type Language, translator } from '../../i18n/index.js';
import { type CliIo, makeOutput, type Output } from '../io.js';
import { collect, integer } from '../session.js';
import type { Wire } from '../wire.js';

const list = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
];

const fixed = (f: { value: number | null }) => (f.value === null ? '—' : f.value.toFixed(3));

/**
 * `koda agreement` (figures between coding layers), `koda agreement alpha` (alpha of any
 * reliability data in a CSV file), `koda agreement compare` (the disagreement view) and
 * `koda consensus accept`. Parsing and printing only: the figures come from the commands.
 */
export function agreementCommands(program: Command, wire: Wire, io: CliIo, lang: () => Language) {
  const agreement = program
    .command('agreement')
    .description('agreement between coders, reliability of any data, and the disagreement view');
  // The figures are the default subcommand, so `koda agreement --project P --coders a,b` works and
  // its options do not shadow the other subcommands' (a parent's options are parsed anywhere).
  agreement
    .command('figures', { isDefault: true })
    .description(
      '(the default) agreement between coders: percent, Cohen’s kappa, Krippendorff’s alpha and unitizing alpha, per code and overall',
    )
    .requiredOption('--project <project>', 'project name or id')
    .option('--coders <names>', 'two or more coders, comma-separated (e.g. anna,bo)', list, [])
    .option('--unit <unit>', 'char, sentence, paragraph or turn', 'char')
    .option('--code <code>', 'a code to compare (repeatable; default: every code)', collect, [])
    .option('--source <source>', 'a source to compare (repeatable; default: every source)', collect, [])
    .option('--empty-sources <how>', 'a source a coder has not coded at all: missing (default) or uncoded', 'missing')
    .option('--by-source', 'also give each code’s counts per source')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const report = await computeAgreement(ctx, {
          project: String(opts.project),
          coders: opts.coders as string[],
          unit: opts.unit as 'char',
          codes: opts.code as string[],
          sources: opts.source as string[],
          emptySources: opts.emptySources as 'missing',
          bySource: Boolean(opts.bySource),
        });
        out.result(report, () => agreementLines(report, out));
      }),
    );

  agreement
    .command('alpha')
    .description(
      'Krippendorff’s alpha of reliability data in a CSV file: rows are coders, columns units, an empty cell is missing',
    )
    .option('--data <file>', 'the CSV file (comma, semicolon or tab separated)')
    .option('--level <level>', 'nominal, ordinal, interval or ratio', 'nominal')
    .option('--header', 'the first row names the units')
    .option('--row-names', 'the first column names the coders')
    .option('--missing <token>', 'a cell text that means missing, besides an empty cell (repeatable, e.g. ".")', collect, [])
    .option('--delimiter <char>', 'the field separator: "," ";" or "tab" (default: guessed)')
    .action(async (_opts: unknown, cmd: Command) => {
      // `--data` is also the global data-folder option, which takes the value first: read it from there.
      const opts = cmd.optsWithGlobals();
      const out = makeOutput(io, translator(lang()), Boolean(opts.json));
      if (!opts.data) throw new KodaError('input.invalid', { field: 'data', problem: '--data FILE.csv is required' });
      const file = String(opts.data);
      const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new KodaError('file.unreadable', { file, reason: e.code ?? String(e) });
      });
      const alpha = await computeAlpha(null, {
        csv: text,
        delimiter: opts.delimiter === 'tab' ? '\t' : (opts.delimiter as ',' | ';' | undefined),
        level: opts.level as 'nominal',
        header: Boolean(opts.header),
        rowNames: Boolean(opts.rowNames),
        missing: opts.missing as string[],
      });
      out.result(alpha, () =>
        alpha.value === null
          ? out.t('cli|agreement.alpha-undefined', {
              level: alpha.level,
              reason: out.t(`cli|agreement.undefined.${alpha.reason}`),
            })
          : out.t('cli|agreement.alpha', {
              level: alpha.level,
              value: fixed(alpha),
              coders: alpha.coders.length,
              units: alpha.units.length,
              pairable: alpha.pairableUnits,
              missing: alpha.missing,
              observed: (alpha.observedDisagreement as number).toFixed(4),
              expected: (alpha.expectedDisagreement as number).toFixed(4),
            }),
      );
    });

  agreement
    .command('compare')
    .description('the disagreement view of a source: where the coders differ, per code')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'source name or id')
    .option('--coders <names>', 'coders to compare, comma-separated (default: every coder of the source)', list, [])
    .option('--code <code>', 'a code (repeatable; default: every code used)', collect, [])
    .option('--all', 'also list regions where the coders agree')
    .option('--layer <name>', 'the consensus layer shown alongside', 'consensus')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const view = await compareLayers(ctx, {
          project: String(opts.project),
          source: String(opts.source),
          coders: opts.coders as string[],
          codes: opts.code as string[],
          includeAgreed: Boolean(opts.all),
          layer: String(opts.layer),
        });
        out.result(view, () => {
          const lines = view.codes.flatMap((c) =>
            c.regions.map((r) =>
              out.t('cli|compare.region', {
                code: c.code.name,
                start: r.start,
                end: r.end,
                differences: r.agreed ? '=' : r.differences.map((d) => `${d.codedBy.join('+')} ${d.start}–${d.end}`).join('; '),
                text: r.text.length > 80 ? `${r.text.slice(0, 77)}…` : r.text,
              }),
            ),
          );
          return lines.length > 0 ? lines : out.t('cli|compare.nothing', { source: view.source.name });
        });
      }),
    );

  program
    .command('consensus')
    .description('the consensus layer')
    .command('accept')
    .description('decide a disagreement: accept one coder’s segments, several coders’ (their union), or a new span')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--source <source>', 'source name or id')
    .requiredOption('--code <code>', 'code name, path or id')
    .requiredOption('--start <n>', 'start of the region (code points)', integer)
    .requiredOption('--end <n>', 'end of the region (exclusive)', integer)
    .option('--from <coders>', 'accept these coders’ segments in the region, comma-separated', list, [])
    .option('--span <start-end>', 'accept a new span instead, e.g. 120-180')
    .option('--layer <name>', 'the consensus layer', 'consensus')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await acceptConsensus(ctx, {
          project: String(opts.project),
          source: String(opts.source),
          code: String(opts.code),
          start: opts.start as number,
          end: opts.end as number,
          from: opts.from as string[],
          ...(opts.span ? { span: parseSpan(String(opts.span)) } : {}),
          layer: String(opts.layer),
        });
        out.result(r, () => out.t('cli|consensus.accepted', { layer: r.layer, added: r.added.length, removed: r.removed }));
      }),
    );
}

function parseSpan(text: string): { start: number; end: number } {
  const m = /^\s*(\d+)\s*[-–:]\s*(\d+)\s*$/.exec(text);
  if (!m) throw new KodaError('input.invalid', { field: 'span', problem: `expected start-end, got "${text}"` });
  return { start: Number(m[1]), end: Number(m[2]) };
}

function agreementLines(report: AgreementReport, out: Output): string[] {
  const row = (name: string, units: number, f: { percent: Figure; kappa: Figure; alpha: Figure; unitizedAlpha: Figure }) =>
    [
      name,
      String(units),
      f.percent.value === null ? '—' : (f.percent.value * 100).toFixed(1),
      fixed(f.kappa),
      fixed(f.alpha),
      fixed(f.unitizedAlpha),
    ].join('\t');
  const lines = [
    out.t('cli|agreement.header', { coders: report.coders.join(', '), unit: report.unit, sources: report.sources.length }),
    ['code', 'units', '%', 'kappa', 'alpha', 'uα'].join('\t'),
    ...report.codes.filter((c) => c.used).map((c) => row(c.code.path, c.units, c)),
    row(out.t('cli|agreement.overall', { codes: report.overall.codes }), report.overall.units, report.overall),
  ];
  if (report.unusedCodes.length > 0) lines.push(out.t('cli|agreement.unused', { codes: report.unusedCodes.join(', ') }));
  for (const s of report.sources) {
    const missing = report.coders.filter((c) => !s.codedBy.includes(c));
    if (missing.length > 0 && report.emptySources === 'missing')
      lines.push(out.t('cli|agreement.missing', { source: s.name, coders: missing.join(', ') }));
  }
  const reasons = [
    ...report.codes.filter((c) => c.used).map((c) => ({ name: c.code.path, f: c })),
    { name: out.t('cli|agreement.overall', { codes: report.overall.codes }), f: report.overall },
  ];
  for (const { name, f } of reasons) {
    for (const [figure, value] of [
      ['kappa', f.kappa],
      ['alpha', f.alpha],
      ['uα', f.unitizedAlpha],
    ] as const) {
      if (value.reason && value.reason !== 'needs-two-coders') {
        lines.push(
          out.t('cli|agreement.undefined', { code: name, figure, reason: out.t(`cli|agreement.undefined.${value.reason}`) }),
        );
      }
    }
  }
  return lines;
}
