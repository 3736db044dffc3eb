import type { Command } from 'commander';
import type { AnalysisFilter } from '../commands/helpers/analysisFilter.js';
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
    .option('--by <coder>', 'only this coder’s segments (repeatable)', collect, [])
    .option('--speaker <role>', 'only what interviewers or participants said (interviewer|participant)');
}

/** The analysis filter the options ask for; parts not given are left out. */
export function filterFrom(opts: Record<string, unknown>): AnalysisFilter {
  const list = (key: string) => (opts[key] as string[] | undefined) ?? [];
  const attributes = list('attr').map((pair) => {
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
