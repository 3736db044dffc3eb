import type { Command } from 'commander';
import { addPseudonym } from '../../commands/addPseudonym.js';
import { applyPseudonyms } from '../../commands/applyPseudonyms.js';
import { listPseudonyms } from '../../commands/listPseudonyms.js';
import { suggestPseudonyms } from '../../commands/suggestPseudonyms.js';
import type { PseudonymKind } from '../../core/pseudonyms/kinds.js';
import { confirm } from '../confirm.js';
import { collect, integer } from '../session.js';
import type { Wire } from '../wire.js';

/** `koda pseudonyms suggest|add|list|apply`: the project's pseudonym map. The key's secret comes from KODA_PSEUDONYM_KEY. */
export function pseudonymCommands(program: Command, wire: Wire) {
  const pseudonyms = program.command('pseudonyms').description('the pseudonym map: real names and places → fictive forms');
  pseudonyms
    .command('suggest')
    .description('suggest names and places found in the project’s sources, with counts and contexts')
    .requiredOption('--project <project>', 'project name or id')
    .option('--source <source>', 'only this source')
    .option('--pattern <regex>', 'also suggest what this regular expression matches (repeatable)', collect, [] as string[])
    .option('--min-count <n>', 'leave out candidates found fewer times', integer, 1)
    .option('--limit <n>', 'at most this many candidates', integer, 500)
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await suggestPseudonyms(ctx, {
          project: String(opts.project),
          source: opts.source as string | undefined,
          patterns: opts.pattern as string[],
          minCount: opts.minCount as number,
          limit: opts.limit as number,
        });
        out.result(r, () =>
          r.candidates.length === 0
            ? out.t('cli|none')
            : r.candidates.map((c) => {
                const first = c.contexts[0];
                const context = first ? `…${first.before}[${first.text}]${first.after}…` : '';
                return out.t('cli|pseudonyms.suggestion', { form: c.form, kind: c.kind, count: c.count, context });
              }),
        );
      }),
    );
  pseudonyms
    .command('add')
    .description('map real form(s) to a fictive form (more real forms for an existing fictive form are added to it)')
    .requiredOption('--project <project>', 'project name or id')
    .requiredOption('--real <text>', 'a real form, as written in the texts (repeatable)', collect, [] as string[])
    .requiredOption('--fictive <text>', 'the fictive form, e.g. Omega, Kerstin or "[stadsdel Y]"')
    .option('--kind <kind>', 'person | place | organisation | other (guessed when not given)')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await addPseudonym(ctx, {
          project: String(opts.project),
          real: opts.real as string[],
          fictive: String(opts.fictive),
          kind: opts.kind as PseudonymKind | undefined,
        });
        out.result(r, () => out.t(r.created ? 'cli|pseudonyms.added' : 'cli|pseudonyms.extended', r));
      }),
    );
  pseudonyms
    .command('list')
    .description('list the map: fictive forms and kinds, real forms only with the key’s secret')
    .requiredOption('--project <project>', 'project name or id')
    .action(
      wire(async ({ ctx, out, opts }) => {
        const r = await listPseudonyms(ctx, { project: String(opts.project) });
        if (!r.unlocked && !out.json && r.entries.length > 0) out.warn(out.t('cli|pseudonyms.locked'));
        out.result(r, () =>
          r.entries.length === 0
            ? out.t('cli|none')
            : r.entries.map((e) => [e.fictive, e.kind, e.replaced, ...(e.real ? [e.real.join(', ')] : [])].join('\t')),
        );
      }),
    );
  pseudonyms
    .command('apply')
    .description('replace the real forms in every source and keep the coding in place (cannot be undone)')
    .requiredOption('--project <project>', 'project name or id')
    .option('--dry-run', 'report what would change, changing nothing')
    .option('--widen', 'widen segments with an edge inside a name to the whole fictive form, instead of refusing')
    .option('--keep-originals', 'keep the uploaded original files (they still hold the real names)')
    .option('--yes', 'do not ask for confirmation')
    .action(
      wire(async ({ ctx, out, opts, io }) => {
        const input = { project: String(opts.project), widen: Boolean(opts.widen), keepOriginals: Boolean(opts.keepOriginals) };
        const preview = await applyPseudonyms(ctx, { ...input, dryRun: true });
        let r = preview;
        if (!opts.dryRun) {
          // A blocked apply refuses before anything is asked.
          if (!preview.blocked) {
            const originals =
              preview.originals.deleted > 0 ? out.t('cli|confirm.originals', { count: preview.originals.deleted }) : '';
            const question = out.t('cli|confirm.apply-pseudonyms', { ...preview.totals, originals });
            await confirm(io, question, Boolean(opts.yes));
          }
          r = await applyPseudonyms(ctx, input);
        }
        out.result(r, () => {
          const lines = [out.t(r.dryRun ? 'cli|pseudonyms.dry-run' : 'cli|pseudonyms.applied', r.totals)];
          for (const s of r.sources) {
            for (const b of s.broken)
              lines.push(out.t(r.dryRun ? 'cli|pseudonyms.broken' : 'cli|pseudonyms.widened', { ...b, source: s.name }));
          }
          lines.push(out.t('cli|pseudonyms.other-texts', r.totals));
          if (r.originals.deleted > 0) lines.push(out.t('cli|pseudonyms.originals-deleted', { count: r.originals.deleted }));
          if (r.originals.kept > 0) lines.push(out.t('cli|pseudonyms.originals-kept', { count: r.originals.kept }));
          if (!r.dryRun) lines.push(out.t('cli|pseudonyms.history', { count: r.historyEntriesDeleted }));
          return lines;
        });
      }),
    );
}
