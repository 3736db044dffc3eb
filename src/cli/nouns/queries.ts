import { rename, rm, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { autocode } from '../../commands/autocode.js';
import { columnLabel } from '../../commands/charts.js';
import { codeCooccurrence } from '../../commands/codeCooccurrence.js';
import { codeFrequencies } from '../../commands/codeFrequencies.js';
import { codeMatrix } from '../../commands/codeMatrix.js';
import { exportMatrix } from '../../commands/exportMatrix.js';
import { searchText } from '../../commands/searchText.js';
import { whoSharesCode } from '../../commands/whoSharesCode.js';
import { KodaError } from '../../core/errors.js';
import { setFilterFrom, withSetFilter } from '../filterOptions.js';
import type { CliIo, Output } from '../io.js';
import { type Progress, progress } from '../progress.js';
import { collect, integer } from '../session.js';
import type { Wire } from '../wire.js';

/**
 * `koda matrix`, `cooccurrence`, `shares`, `frequencies`, `search` and `autocode`: the queries
 * over coded material and auto-coding. Parsing and printing only; the commands do the work.
 */
export function queryCommands(program: Command, wire: Wire) {
  withSetFilter(program.command('matrix'))
    .description('a code × case or code × attribute-value matrix; --out FILE.xlsx|.csv exports it')
    .requiredOption('--project <project>', 'project name or id')
    .option('--rows <level>', 'codes, categories or themes (categories and themes sum their codes)', 'codes')
    .option('--cols <columns>', 'cases, or attr:NAME for the values of a case attribute (e.g. attr:stadsdel)', 'cases')
    .option('--measure <measure>', 'count (segments), chars (coded characters), presence (1/0) or cases', 'count')
    .option('--by <coder>', 'only this coder’s segments')
    .option('--smart-code <name>', 'a smart code as a row after the codebook’s (repeatable)', collect, [])
    .option('--out <file>', 'write the matrix to an .xlsx or .csv file instead of printing it')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const input = {
          project: String(opts.project),
          rows: String(opts.rows) as 'codes',
          columns: String(opts.cols),
          measure: String(opts.measure) as 'count',
          coder: opts.by as string | undefined,
          smartCodes: opts.smartCode as string[],
          filter: setFilterFrom(opts),
        };
        if (opts.out) {
          const file = String(opts.out);
          const format = file.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
          const result = await exportMatrix(ctx, { ...input, format });
          await writeWhole(file, result.bytes);
          const { bytes: _bytes, ...rest } = result;
          out.result({ ...rest, file }, () => out.t('cli|matrix.written', { file, rows: result.rows, columns: result.columns }));
          return;
        }
        const m = await codeMatrix(ctx, input);
        out.result(m, () =>
          textTable([
            [out.t(`report|level|${m.rowLevel}`), ...m.columns.map((c) => columnLabel(c, out.t)), out.t('report|total')],
            ...m.rows.map((r, i) => [r.name, ...(m.cells[i] ?? []).map(String), String(m.totals[i] ?? 0)]),
          ]),
        );
      }),
    );

  withSetFilter(program.command('cooccurrence'))
    .description('which codes occur together: overlapping segments, or the same speaker turn or paragraph')
    .requiredOption('--project <project>', 'project name or id')
    .option('--mode <mode>', 'overlap, turn or paragraph', 'overlap')
    .option('--by <coder>', 'only this coder’s segments')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const co = await codeCooccurrence(ctx, {
          project: String(opts.project),
          mode: String(opts.mode) as 'overlap',
          coder: opts.by as string | undefined,
          filter: setFilterFrom(opts),
        });
        out.result(co, () =>
          co.codes.length === 0
            ? out.t('cli|none')
            : textTable([
                ['', ...co.codes.map((_, i) => String(i + 1))],
                ...co.codes.map((c, i) => [`${i + 1} ${c.name}`, ...(co.cells[i] ?? []).map(String)]),
              ]),
        );
      }),
    );

  program
    .command('shares')
    .description('who shares a code: the cases that have it, with their quotes side by side')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--code <code>', 'code, category or theme (includes the codes below it)')
    .option('--only', 'not the codes below it')
    .option('--by <coder>', 'only this coder’s segments')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await whoSharesCode(ctx, {
          project: String(opts.project),
          code: String(opts.code),
          includeDescendants: !opts.only,
          coder: opts.by as string | undefined,
        });
        out.result(r, () => [
          out.t('cli|shares.header', { code: r.code.name, count: r.cases.length, total: r.cases.length + r.without.length }),
          ...r.cases.flatMap((c) => [
            '',
            `${c.name}${
              Object.keys(c.attributes).length
                ? ` (${Object.entries(c.attributes)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join('; ')})`
                : ''
            }`,
            ...c.segments.map((s) => `  “${s.text.replace(/\s+/g, ' ')}” [${s.code.name}, ${s.source.name} ${s.start}–${s.end}]`),
          ]),
          ...(r.without.length ? ['', out.t('cli|shares.without', { names: r.without.map((c) => c.name).join(', ') })] : []),
        ]);
      }),
    );

  withSetFilter(program.command('frequencies'))
    .description('how often each code is used: segments, coded characters, cases and sources')
    .requiredOption('--project <project>', 'project name or id')
    .option('--by <coder>', 'only this coder’s segments')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const rows = await codeFrequencies(ctx, {
          project: String(opts.project),
          coder: opts.by as string | undefined,
          filter: setFilterFrom(opts),
        });
        out.result(rows, () =>
          rows.length === 0
            ? out.t('cli|none')
            : textTable([
                [
                  out.t('report|level|codes'),
                  out.t('report|measure|count'),
                  out.t('report|measure|chars'),
                  out.t('report|measure|cases'),
                  'sources',
                ],
                ...rows.map((r) => [
                  `${'  '.repeat(r.depth)}${r.name}`,
                  String(r.branchSegments),
                  String(r.chars),
                  String(r.cases),
                  String(r.sources),
                ]),
              ]),
        );
      }),
    );

  program
    .command('search <query...>')
    .description('search the text of all sources (Swedish and English stemming): keyword-in-context lines')
    .requiredOption('--project <project>', 'project name or id')
    .option('--language <lang>', 'stem in sv, en or both', 'both')
    .option('--source <source>', 'only this source (repeatable)', collect, [])
    .option('--case <case>', 'only this case’s sources (repeatable)', collect, [])
    .option('--role <role>', 'only the words of interviewer or participant turns')
    .option('--limit <n>', 'most lines to show', integer, 200)
    .option('--context <n>', 'characters of context either side', integer, 50)
    .action(
      wire(async ({ ctx, out, opts, io }, words: string[]) => {
        const bar = lazyBar(io, out, out.t('cli|search.indexing'));
        const r = await searchText(
          ctx,
          {
            project: String(opts.project),
            query: words.join(' '),
            language: String(opts.language) as 'both',
            sources: opts.source as string[],
            cases: opts.case as string[],
            role: opts.role as 'participant' | undefined,
            limit: opts.limit as number,
            context: opts.context as number,
          },
          { progress: bar.progress },
        );
        bar.stop();
        out.result(r, () => {
          const width = Math.max(0, ...r.hits.map((h) => [...h.left].length));
          return [
            ...r.hits.map(
              (h) =>
                `${pad(h.left, width)}[${h.match}]${h.right}  (${h.case?.name ?? h.source.name}, ${h.source.name} ${h.start}–${h.end})`,
            ),
            out.t('cli|search.summary', { paragraphs: r.paragraphs, query: r.query, hits: r.hits.length }),
            ...(r.truncated ? [out.t('cli|search.more')] : []),
          ];
        });
      }),
    );

  program
    .command('autocode')
    .description('code every hit of a word, phrase, stem or regular expression (undo takes it all back); --dry-run previews')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--code <code>', 'the code to apply')
    .requiredOption('--pattern <pattern>', 'what to look for')
    .option('--kind <kind>', 'word, phrase, stem or regex', 'word')
    .option('--unit <unit>', 'what a hit codes: match, sentence or turn', 'match')
    .option('--source <source>', 'only this source (repeatable)', collect, [])
    .option('--case <case>', 'only this case’s words (repeatable)', collect, [])
    .option('--role <role>', 'only turns of interviewer or participant')
    .option('--speaker <label>', 'only turns with this speaker label (repeatable)', collect, [])
    .option('--case-sensitive', 'match upper and lower case exactly')
    .option('--language <lang>', 'for --kind stem: sv or en (default: the project’s)')
    .option('--dry-run', 'list every segment it would create, writing nothing')
    .option('--layer <coder>', 'code in this coder’s layer (default: yours)')
    .action(
      wire(async ({ ctx, out, opts, io }) => {
        const bar = lazyBar(io, out, out.t('cli|autocode.progress'));
        const r = await autocode(
          ctx,
          {
            project: String(opts.project),
            code: String(opts.code),
            pattern: String(opts.pattern),
            kind: String(opts.kind) as 'word',
            unit: String(opts.unit) as 'match',
            sources: opts.source as string[],
            cases: opts.case as string[],
            role: opts.role as 'participant' | undefined,
            speakers: opts.speaker as string[],
            caseSensitive: Boolean(opts.caseSensitive),
            language: opts.language as 'sv' | undefined,
            dryRun: Boolean(opts.dryRun),
            coder: opts.layer as string | undefined,
            ...(opts.dryRun ? {} : { limit: 0 }),
          },
          { progress: bar.progress },
        );
        bar.stop();
        for (const w of r.warnings) out.warn(out.t(`warnings|${w.code}`, w.params));
        const summary = {
          code: r.code.name,
          segments: r.segments,
          sources: r.sources,
          hits: r.hits,
          already: r.alreadyCoded,
          coder: r.coder,
        };
        out.result(r, () => [
          ...r.listed.map(
            (p) =>
              `${p.source.name} ${p.start}–${p.end} (${p.case?.name ?? '-'}): ${p.left}[${p.text.replace(/\s+/g, ' ')}]${p.right}`,
          ),
          ...r.codedBy.map((c) => out.t('cli|autocode.coded-by', { code: r.code.name, ...c })),
          out.t(r.dryRun ? 'cli|autocode.preview' : 'cli|autocode.done', summary),
        ]);
      }),
    );
}

/** A progress bar made when the command first says how much there is to do. */
export function lazyBar(
  io: CliIo,
  out: Output,
  title: string,
): { progress: (done: number, total: number) => void; stop: () => void } {
  let bar: Progress | null = null;
  let at = 0;
  return {
    progress(done, total) {
      bar ??= progress(io, total, title, !out.json);
      for (; at < done; at++) bar.tick('');
    },
    stop: () => bar?.stop(),
  };
}

/** Columns padded to their widest cell; the first left-aligned, the rest right-aligned. */
export function textTable(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) {
    for (const [i, c] of r.entries()) widths[i] = Math.max(widths[i] ?? 0, [...c].length);
  }
  return rows.map((r) =>
    r
      .map((c, i) => (i === 0 ? padEnd(c, widths[i] as number) : pad(c, widths[i] as number)))
      .join('  ')
      .trimEnd(),
  );
}

const pad = (s: string, n: number) => ' '.repeat(Math.max(0, n - [...s].length)) + s;
const padEnd = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

/** Writes beside the target and renames, so a failed export never leaves half a file. */
export async function writeWhole(file: string, bytes: Uint8Array): Promise<void> {
  const temporary = `${file}.${process.pid}.part`;
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (e) {
    await rm(temporary, { force: true });
    throw new KodaError('file.unwritable', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}
