import type { Command } from 'commander';
import { listCoders } from '../../commands/listCoders.js';
import { mergeLayers } from '../../commands/mergeLayers.js';
import { revealLayers } from '../../commands/revealLayers.js';
import { setBlindMode } from '../../commands/setBlindMode.js';
import { KodaError } from '../../core/errors.js';
import type { Wire } from '../wire.js';

/** `koda coders list|blind|reveal|merge`: the coding layers of a project. */
export function coderCommands(program: Command, wire: Wire) {
  const coders = program
    .command('coders')
    .description('coding layers: list them, blind mode, reveal, merge another copy’s layers');
  coders
    .command('list')
    .description('the coders and consensus layers of a project, with their segment counts')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await listCoders(ctx, { project: String(opts.project) });
        out.result(r, () => r.coders.map((c) => `${c.name}\t${c.kind}\t${c.segments}${c.name === r.owner ? '\t(owner)' : ''}`));
      }),
    );
  coders
    .command('blind <on|off>')
    .description('switch blind mode (owner only): each coder sees only their own segments')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }, state: string) => {
        if (state !== 'on' && state !== 'off')
          throw new KodaError('input.invalid', { field: 'blind', problem: 'expected on or off' });
        const r = await setBlindMode(ctx, { project: String(opts.project), blind: state === 'on' });
        out.result(r, () => (r.blind ? out.t('cli|coders.blind-on', { owner: r.owner }) : out.t('cli|coders.blind-off')));
      }),
    );
  coders
    .command('reveal')
    .description('reveal every coder’s layer to everyone (owner only): ends blind mode')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await revealLayers(ctx, { project: String(opts.project) });
        out.result(r, () =>
          out.t('cli|coders.revealed', { layers: r.layers.map((l) => `${l.coder} (${l.segments})`).join(', ') || '–' }),
        );
      }),
    );
  coders
    .command('merge')
    .description('copy the coding layers of another copy of the study (matched by source text, code path and coder name)')
    .requiredOption('--project <project>', 'the project that receives the layers')
    .requiredOption('--from <project>', 'the other copy (left unchanged)')
    .option('--dry-run', 'say what would be merged, changing nothing')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await mergeLayers(ctx, {
          project: String(opts.project),
          from: String(opts.from),
          dryRun: Boolean(opts.dryRun),
        });
        out.result(r, () => [
          out.t('cli|coders.merged', r),
          ...r.unmatchedSources.map((u) => out.t('cli|coders.merged-unmatched', u)),
          ...(r.codesCreated.length > 0 ? [out.t('cli|coders.merged-codes', { codes: r.codesCreated.join(', ') })] : []),
          ...(r.codersCreated.length > 0 ? [out.t('cli|coders.merged-coders', { coders: r.codersCreated.join(', ') })] : []),
        ]);
      }),
    );
}
