import { extname } from 'node:path';
import type { Command } from 'commander';
import { exportQuotes, QUOTE_FORMATS } from '../../commands/exportQuotes.js';
import { exportTranscript, TRANSCRIPT_FORMATS } from '../../commands/exportTranscript.js';
import type { AnalysisFilter } from '../../commands/helpers/analysisFilter.js';
import { invalid } from '../../core/errors.js';
import type { Session } from '../session.js';
import { collect } from '../session.js';
import type { Wire } from '../wire.js';
import { writeWhole } from './queries.js';
import { exportRefiProject } from './refi.js';

/**
 * `koda export [project|quotes|transcript]`: what leaves Koda as a file. `project` (the default,
 * as before) is REFI-QDA (refi.ts); `quotes` the quotes of a code, a coding query, a smart code or
 * a matrix cell; `transcript` a source's coded transcript. Parsing and printing only.
 */
export function exportCommand(program: Command, wire: Wire) {
  program
    .command('export [what]')
    .description(
      'export as a file: project (REFI-QDA .qdpx/.qdc, the default), quotes (of --code, --query, --smart-code or a matrix cell --row/--column) or transcript (--source, coded, as .html or .docx)',
    )
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--out <file>', 'the file to write (replaced if it exists)')
    .option('--format <format>', 'project: qdpx|qdc; quotes: docx|xlsx|csv; transcript: html|docx (default: from --out)')
    .option('--code <code>', 'quotes: of this code, category or theme (with the codes below it)')
    .option('--only', 'quotes: of the code alone, not the codes below it')
    .option('--query <expression>', 'quotes: of a coding query')
    .option('--smart-code <name>', 'quotes: of a smart code')
    .option('--row <row>', 'quotes: of a matrix cell, its row (code, category or theme)')
    .option('--column <column>', 'quotes: of a matrix cell, its column (a case, or an attribute value with --cols attr:NAME)')
    .option('--rows <level>', 'quotes of a cell: the matrix rows, codes, categories or themes', 'codes')
    .option('--cols <columns>', 'quotes of a cell: the matrix columns, cases or attr:NAME', 'cases')
    .option('--source <source>', 'transcript: the source (name or id)')
    .option('--by <coder>', 'only this coder’s layer')
    .option('--source-set <set>', 'quotes: only from this document set (repeatable)', collect)
    .option('--case-set <set>', 'quotes: only of this case set (repeatable)', collect)
    .option('--case <case>', 'quotes: only of this case (repeatable)', collect)
    .option('--attr <name=value>', 'quotes: only of cases with this attribute value (repeatable, all must hold)', collect)
    .option('--speaker <role>', 'quotes: only what interviewers or participants said (interviewer|participant)')
    .action(
      wire(async (session: Session, what?: string) => {
        const kind = what ?? 'project';
        if (kind === 'project') return exportRefiProject(session);
        if (kind === 'quotes') return writeQuotes(session);
        if (kind === 'transcript') return writeTranscript(session);
        throw invalid('input.invalid', { field: 'what', problem: 'project, quotes or transcript' });
      }),
    );
}

const formatOf = <F extends string>(opts: Record<string, unknown>, formats: readonly F[], fallback: F): F => {
  const wanted = opts.format ? String(opts.format) : extname(String(opts.out)).slice(1).toLowerCase();
  if (formats.includes(wanted as F)) return wanted as F;
  if (opts.format) throw invalid('input.invalid', { field: 'format', problem: formats.join(', ') });
  return fallback;
};

async function writeQuotes({ ctx, out, opts }: Session) {
  const file = String(opts.out);
  const filter = filterOf(opts);
  const cell =
    opts.row !== undefined || opts.column !== undefined
      ? {
          row: String(opts.row ?? ''),
          column: String(opts.column ?? ''),
          rows: String(opts.rows) as 'codes',
          columns: String(opts.cols),
          coder: opts.by as string | undefined,
        }
      : undefined;
  const r = await exportQuotes(ctx, {
    project: String(opts.project),
    code: opts.code as string | undefined,
    includeDescendants: !opts.only,
    ...(opts.query !== undefined ? { query: { expression: String(opts.query) } } : {}),
    ...(opts.smartCode !== undefined ? { smartCode: String(opts.smartCode) } : {}),
    cell,
    filter: cell ? filter : { ...filter, ...(opts.by ? { coders: [String(opts.by)] } : {}) },
    format: formatOf(opts, QUOTE_FORMATS, 'docx'),
  });
  await writeWhole(file, r.bytes);
  const { bytes: _bytes, ...rest } = r;
  out.result({ ...rest, file }, () => out.t('quotes|written', { count: r.quotes, file }));
}

async function writeTranscript({ ctx, out, opts }: Session) {
  const file = String(opts.out);
  if (opts.source === undefined) throw invalid('input.invalid', { field: 'source', problem: '--source' });
  const r = await exportTranscript(ctx, {
    project: String(opts.project),
    source: String(opts.source),
    coder: opts.by as string | undefined,
    format: formatOf(opts, TRANSCRIPT_FORMATS, 'html'),
  });
  await writeWhole(file, r.bytes);
  const { bytes: _bytes, ...rest } = r;
  out.result({ ...rest, file }, () => out.t('transcript|written', { source: r.source.name, segments: r.segments, file }));
}

/** The analysis filter of the options given (analysisFilter.ts). */
function filterOf(opts: Record<string, unknown>): AnalysisFilter {
  const list = (key: string) => (opts[key] as string[] | undefined) ?? [];
  const attributes = list('attr').map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw invalid('input.invalid', { field: 'attr', problem: 'NAME=VALUE' });
    return { attribute: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
  });
  const speaker = opts.speaker as AnalysisFilter['speaker'] | undefined;
  return {
    ...(list('sourceSet').length ? { sourceSets: list('sourceSet') } : {}),
    ...(list('caseSet').length ? { caseSets: list('caseSet') } : {}),
    ...(list('case').length ? { cases: list('case') } : {}),
    ...(attributes.length ? { attributes } : {}),
    ...(speaker ? { speaker } : {}),
  };
}
