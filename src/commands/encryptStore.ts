import type { CommandContext } from './helpers/context.js';
import { writeAudit } from './helpers/context.js';

/**
 * Encrypts the whole store at rest under a passphrase, or changes the passphrase of an
 * encrypted one. Not undoable: there is nothing to restore but plaintext.
 */
export async function encryptStore(ctx: CommandContext, input: { passphrase: string }) {
  const wasEncrypted = ctx.store.encrypted;
  await ctx.store.rekey(input.passphrase);
  await writeAudit(ctx.store.db, {
    projectId: null,
    actor: ctx.actor,
    action: wasEncrypted ? 'store.rekey' : 'store.encrypt',
    objectIds: [],
  });
  return { encrypted: true, changedPassphrase: wasEncrypted };
}
