import type { Command } from 'commander';
import { encryptStore } from '../../commands/encryptStore.js';
import { KodaError } from '../../core/errors.js';
import { askSecret } from '../secret.js';
import type { Wire } from '../wire.js';

export function storeCommands(program: Command, wire: Wire) {
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
}

async function newPassphrase(io: Parameters<typeof askSecret>[0], t: (key: string) => string): Promise<string> {
  const first = await askSecret(io, t('cli|store.new-passphrase'));
  if (first === undefined) throw new KodaError('store.new-passphrase-needed');
  if ((await askSecret(io, t('cli|store.repeat-passphrase'))) !== first) throw new KodaError('store.passphrases-differ');
  return first;
}
