import type { Command } from 'commander';
import { decideOfferedSuggestion } from '../../commands/decideOfferedSuggestion.js';
import { suggestForCode } from '../../commands/suggestForCode.js';
import { KodaError } from '../../core/errors.js';
import { integer } from '../session.js';
import type { Wire } from '../wire.js';

/** `SOURCE:START-END` as the list prints a suggestion's place; the source may hold colons itself. */
export function parsePlace(place: string): { source: string; start: number; end: number } {
  const m = /^(.+):(\d+)[-–](\d+)$/u.exec(place.trim());
  if (!m) throw new KodaError('input.invalid', { field: 'place', problem: `expected SOURCE:START-END, got "${place}"` });
  return { source: m[1] as string, start: Number(m[2]), end: Number(m[3]) };
}

/**
 * `koda suggest`: "find more like this" for a code, ranked on this machine (nothing is sent
 * anywhere), and `koda suggest accept|reject PLACE` to decide one. Parsing and printing only.
 */
export function suggestCommands(program: Command, wire: Wire) {
  const suggest = program
    .command('suggest')
    .description('find more passages like those coded with a code (BM25 over stems, on this machine); accept or reject them')
    .option('--project <project>', 'project name or id')
    .option('--code <code>', 'the code to find more of')
    .option('--limit <n>', 'how many suggestions', integer, 20)
    .option('--unit <unit>', 'sentence or turn', 'sentence')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await suggestForCode(ctx, {
          project: String(opts.project ?? ''),
          code: String(opts.code ?? ''),
          limit: opts.limit as number,
          unit: String(opts.unit),
        });
        out.result(r, () => [
          out.t('cli|suggest.header', {
            code: r.code.name,
            examples: r.parameters.examples,
            k1: r.parameters.k1,
            b: r.parameters.b,
            unit: out.t(`cli|suggest.unit-${r.parameters.unit === 'turn' ? 'turn' : 'sentence'}`),
          }),
          ...(r.suggestions.length === 0
            ? [out.t('cli|none')]
            : r.suggestions.map(
                (s, i) =>
                  `${i + 1}. ${s.score.toFixed(3)}  ${s.sourceName}:${s.start}-${s.end} (${s.caseName ?? '-'}) “${s.text.replace(/\s+/g, ' ')}” [${s.words.join(', ')}]`,
              )),
        ]);
      }),
    );
  for (const decision of ['accept', 'reject'] as const) {
    suggest
      .command(`${decision} <place>`)
      // --project, --code and --unit are koda suggest's own (commander gives them to the parent).
      .description(`${decision} a suggestion by its place, SOURCE:START-END as koda suggest --project P --code C lists it`)
      .action(
        wire(async ({ ctx, out, opts }, place: string) => {
          const r = await decideOfferedSuggestion(ctx, {
            project: String(opts.project ?? ''),
            code: String(opts.code ?? ''),
            ...parsePlace(place),
            decision,
            unit: String(opts.unit),
          });
          out.result(r, () => out.t(`cli|suggest.${decision}ed`, r));
        }),
      );
  }
}
