import { userInfo } from 'node:os';
import { type Command, InvalidArgumentError } from 'commander';
import type { CommandContext } from '../commands/helpers/context.js';
import { type Language, translator } from '../i18n/index.js';
import { type OpenOptions, openStore, resolveDataDir, type Store } from '../store/db.js';
import { isEncrypted } from '../store/encryption.js';
import { type CliIo, type GlobalOptions, makeOutput, type Output } from './io.js';
import { askSecret } from './secret.js';

/** Who acts: `--coder`, else `KODA_CODER`, else the operating-system user. */
export function actorName(opts: GlobalOptions, env: NodeJS.ProcessEnv): string {
  return opts.coder ?? env.KODA_CODER ?? safeUserName();
}

function safeUserName(): string {
  try {
    return userInfo().username || 'koda';
  } catch {
    return 'koda';
  }
}

export interface Session {
  ctx: CommandContext;
  out: Output;
  opts: GlobalOptions & Record<string, unknown>;
  io: CliIo;
}

/**
 * Wraps a subcommand: opens the store named by the global options, hands the action a command
 * context and an output, and closes the store whatever happens.
 */
export function withSession(io: CliIo, lang: () => GlobalOptions['lang'], action: (s: Session, ...args: any[]) => Promise<void>) {
  return async (...args: any[]) => {
    const cmd = args.at(-1) as Command;
    const opts = cmd.optsWithGlobals() as GlobalOptions & Record<string, unknown>;
    const store = await openCliStore(io, opts, lang() ?? 'en');
    try {
      const ctx: CommandContext = { store, actor: actorName(opts, io.env), pseudonymSecret: io.env.KODA_PSEUDONYM_KEY };
      const out = makeOutput(io, translator(lang() ?? 'en'), Boolean(opts.json));
      await action({ ctx, out, opts, io }, ...args.slice(0, -2));
    } finally {
      await store.close();
    }
  };
}

/**
 * The store the global options name: the PostgreSQL database of `--database` or
 * `KODA_DATABASE_URL`, else the embedded store in the data folder (`--data`, `KODA_DATA`).
 */
export async function openCliStore(
  io: CliIo,
  opts: GlobalOptions,
  language: Language,
  server: Pick<OpenOptions, 'checkpointInBackground'> = {},
): Promise<Store> {
  const dataDir = resolveDataDir(opts.data, io.env);
  const database = opts.database ?? io.env.KODA_DATABASE_URL;
  if (database) {
    const allowPlaintext = Boolean(opts.allowPlaintextDatabase) || io.env.KODA_DATABASE_ALLOW_PLAINTEXT === '1';
    return openStore(dataDir, { database, allowPlaintext });
  }
  return openStore(dataDir, { ...server, passphrase: await storePassphrase(io, dataDir, language) });
}

/**
 * The embedded store the global options name, unopened: for `store copy`, which opens it and a
 * PostgreSQL database itself.
 */
export async function embeddedStore(
  io: CliIo,
  opts: GlobalOptions,
  language: Language,
): Promise<{ dataDir: string; passphrase?: string }> {
  const dataDir = resolveDataDir(opts.data, io.env);
  return { dataDir, passphrase: await storePassphrase(io, dataDir, language) };
}

/** The store's passphrase: `KODA_KEY`, else asked on the terminal when the store is encrypted. */
export async function storePassphrase(io: CliIo, dataDir: string, language: Language): Promise<string | undefined> {
  if (io.env.KODA_KEY) return io.env.KODA_KEY;
  return isEncrypted(dataDir) ? askSecret(io, translator(language)('cli|store.passphrase')) : undefined;
}

/** `--attr key=value` collected into an object. */
export function collectPairs(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidArgumentError(`expected key=value, got "${value}"`);
  return { ...previous, [value.slice(0, at).trim()]: value.slice(at + 1) };
}

export const collect = (value: string, previous: string[] = []) => [...previous, value];

export function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return Number(value);
}
