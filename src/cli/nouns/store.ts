import type { Command } from 'commander';
import { type CopyStoreResult, copyStore } from '../../commands/copyStore.js';
import { encryptStore } from '../../commands/encryptStore.js';
import { KodaError } from '../../core/errors.js';
import { type Language, type Translate, translator } from '../../i18n/index.js';
import { type CliIo, type GlobalOptions, makeOutput } from '../io.js';
import { askSecret } from '../secret.js';
import { actorName, embeddedStore } from '../session.js';
import type { Wire } from '../wire.js';
import { lazyBar, textTable } from './queries.js';

export function storeCommands(program: Command, wire: Wire, io: CliIo, lang: () => Language) {
  const store = program.command('store').description('the data store itself');
  store
    .command('encrypt')
    .description('encrypt the store at rest (or change its passphrase); new passphrase from KODA_NEW_KEY or a prompt')
    .action(
      wire(async ({ ctx, out, io }) => {
        const passphrase = io.env.KODA_NEW_KEY ?? (await newPassphrase(io, out.t));
        const result = await encryptStore(ctx, { passphrase });
        out.result(result, () => out.t(result.changedPassphrase ? 'cli|store.rekeyed' : 'cli|store.encrypted'));
      }),
    );
  store
    .command('copy')
    .description(
      'copy the whole store between engines into an empty one, verified table by table: --to URL (the data folder into PostgreSQL; KODA_KEY for an encrypted store) or --from URL (PostgreSQL into the data folder)',
    )
    .option('--to <url>', 'the PostgreSQL database to copy the data folder’s store into')
    .option('--from <url>', 'the PostgreSQL database to copy into the data folder')
    .action(async (_options: unknown, cmd: Command) => {
      const opts = cmd.optsWithGlobals() as GlobalOptions & { to?: string; from?: string };
      if (Boolean(opts.to) === Boolean(opts.from)) throw new KodaError('store.copy-direction');
      const out = makeOutput(io, translator(lang()), Boolean(opts.json));
      const bar = lazyBar(io, out, out.t('cli|store.copy-progress'));
      const input = {
        direction: opts.to ? ('to' as const) : ('from' as const),
        url: (opts.to ?? opts.from) as string,
        allowPlaintext: Boolean(opts.allowPlaintextDatabase) || io.env.KODA_DATABASE_ALLOW_PLAINTEXT === '1',
        ...(await embeddedStore(io, opts, lang())),
      };
      const result = await copyStore(actorName(opts, io.env), input, {
        onProgress: (p) => bar.progress(p.done, p.total),
      }).finally(() => bar.stop());
      out.result(result, () => copiedLines(result, out.t));
    });
}

function copiedLines(result: CopyStoreResult, t: Translate): string[] {
  const engine = (e: string) => t(`cli|store.engine-${e}`);
  return [
    t('cli|store.copied', {
      from: result.from.location,
      fromEngine: engine(result.from.engine),
      to: result.to.location,
      toEngine: engine(result.to.engine),
      rows: result.rows,
      tables: result.tables.length,
    }),
    ...textTable([
      [t('cli|store.copy-column-table'), t('cli|store.copy-column-rows'), t('cli|store.copy-column-hash')],
      ...result.tables.map((c) => [c.table, String(c.rows), t('cli|store.copy-hash-ok')]),
    ]),
    t('cli|store.copy-search-index'),
  ];
}

async function newPassphrase(io: Parameters<typeof askSecret>[0], t: (key: string) => string): Promise<string> {
  const first = await askSecret(io, t('cli|store.new-passphrase'));
  if (first === undefined) throw new KodaError('store.new-passphrase-needed');
  if ((await askSecret(io, t('cli|store.repeat-passphrase'))) !== first) throw new KodaError('store.passphrases-differ');
  return first;
}
