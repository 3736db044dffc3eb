import { type Command, InvalidArgumentError } from 'commander';
import { type AnalysisFilter, parseWhere } from '../commands/helpers/analysisFilter.js';
import { invalid } from '../core/errors.js';
import { collect } from './session.js';

/** The options of the analysis filter (commands/helpers/analysisFilter.ts) on a subcommand. */
export function withFilterOptions(cmd: Command): Command {
  return cmd
    .option('--source <source>', 'only this source (repeatable)', collect, [])
    .option('--source-set <set>', 'only sources of this document set (repeatable)', collect, [])
    .option('--case <case>', 'only this case’s words (repeatable)', collect, [])
    .option('--case-set <set>', 'only cases of this case set (repeatable)', collect, [])
    .option('--attr <name=value>', 'only cases with this attribute value (repeatable; all must hold)', collect, [])
    .option('--where <name=value>', 'the same as --attr', collect, [])
    .option('--by <coder>', 'only this coder’s segments (repeatable)', collect, [])
    .option('--speaker <role>', 'only what interviewers or participants said (interviewer|participant)');
}

/** The same options under a shorter name. */
export const withFilter = withFilterOptions;

/** The analysis filter the options ask for; parts not given are left out. */
export function filterFrom(opts: Record<string, unknown>): AnalysisFilter {
  const list = (key: string) => (opts[key] as string[] | undefined) ?? [];
  const attributes = [...list('attr'), ...list('where')].map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw invalid('input.invalid', { field: 'attr', problem: 'NAME=VALUE' });
    return { attribute: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
  });
  const speaker = opts.speaker as string | undefined;
  if (speaker !== undefined && speaker !== 'interviewer' && speaker !== 'participant') {
    throw invalid('input.invalid', { field: 'speaker', problem: 'interviewer or participant' });
  }
  return {
    ...(list('source').length && { sources: list('source') }),
    ...(list('sourceSet').length && { sourceSets: list('sourceSet') }),
    ...(list('case').length && { cases: list('case') }),
    ...(list('caseSet').length && { caseSets: list('caseSet') }),
    ...(attributes.length && { attributes }),
    ...(list('by').length && { coders: list('by') }),
    ...(speaker && { speaker }),
  };
}

/**
 * The filter's set, attribute and speaker options alone, for the query commands that have their
 * own `--by`, `--source` and `--case` (matrix, co-occurrence, frequencies, segments, report):
 * `--source-set`, `--case-set` (repeatable: any of them), `--where attr=value` (repeatable: all
 * must hold) and `--speaker interviewer|participant`.
 */
export function withSetFilter(command: Command): Command {
  return command
    .option('--source-set <set>', 'only sources of this set (repeatable: any of them)', collect, [])
    .option('--case-set <set>', 'only the words of cases of this set (repeatable: any of them)', collect, [])
    .option('--where <attr=value>', 'only the words of cases with this attribute value (repeatable: all must hold)', collect, [])
    .option('--speaker <role>', 'only the words of interviewer or participant turns', speakerRole);
}

function speakerRole(value: string): 'interviewer' | 'participant' {
  if (value === 'interviewer' || value === 'participant') return value;
  throw new InvalidArgumentError('expected interviewer or participant');
}

/** The filter withSetFilter's options give, or undefined when none is given. */
export function setFilterFrom(opts: Record<string, unknown>): AnalysisFilter | undefined {
  const list = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
  const filter: AnalysisFilter = {};
  if (list(opts.sourceSet).length) filter.sourceSets = list(opts.sourceSet);
  if (list(opts.caseSet).length) filter.caseSets = list(opts.caseSet);
  if (list(opts.where).length) filter.attributes = list(opts.where).map(parseWhere);
  if (opts.speaker) filter.speaker = opts.speaker as 'interviewer' | 'participant';
  return Object.keys(filter).length ? filter : undefined;
}
