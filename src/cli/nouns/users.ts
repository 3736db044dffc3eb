import type { Command } from 'commander';
import { addAccount } from '../../commands/accounts/addAccount.js';
import { disableAccount } from '../../commands/accounts/disableAccount.js';
import { listAccounts } from '../../commands/accounts/listAccounts.js';
import { setPassword } from '../../commands/accounts/setPassword.js';
import { KodaError } from '../../core/errors.js';
import { askSecret } from '../secret.js';
import type { Session } from '../session.js';
import type { Wire } from '../wire.js';

/** `koda user add|list|disable|password`: the people who can sign in to `koda serve`. */
export function userCommands(program: Command, wire: Wire) {
  const user = program.command('user').description('accounts: the people who can sign in to the server');
  user
    .command('add <name>')
    .description('add an account that signs in with a password (asked twice, or --password-stdin)')
    .option('--email <email>', 'the person’s e-mail address')
    .option('--password-stdin', 'read the password from standard input (one line)')
    .action(
      wire(async (s: Session, name: string) => {
        const password = await newPassword(s);
        const r = await addAccount(s.ctx, { name, password, ...(s.opts.email ? { email: String(s.opts.email) } : {}) });
        s.out.result(r, () => s.out.t('cli|user.added', r));
      }),
    );
  user
    .command('list')
    .description('every account: name, kind, e-mail, disabled or locked')
    .action(
      wire(async ({ ctx, out }: Session) => {
        const accounts = await listAccounts(ctx);
        out.result(accounts, () =>
          accounts.map((a) =>
            [
              a.name,
              out.t(`cli|user.kind-${a.kind}`),
              a.email ?? '',
              ...(a.disabled ? [out.t('cli|user.disabled-flag')] : []),
              ...(a.locked ? [out.t('cli|user.locked-flag')] : []),
            ].join('\t'),
          ),
        );
      }),
    );
  user
    .command('disable <name>')
    .description('stop an account from signing in and end its sessions (its layers and log entries stay)')
    .action(
      wire(async ({ ctx, out }: Session, name: string) => {
        const r = await disableAccount(ctx, { name });
        out.result(r, () => out.t('cli|user.disabled', r));
      }),
    );
  user
    .command('password <name>')
    .description('set an account’s password (asked twice, or --password-stdin); ends its sessions')
    .option('--password-stdin', 'read the password from standard input (one line)')
    .action(
      wire(async (s: Session, name: string) => {
        const r = await setPassword(s.ctx, { name, password: await newPassword(s) });
        s.out.result(r, () => s.out.t('cli|user.password-set', r));
      }),
    );
}

/** The new password: standard input's first line with --password-stdin, else asked twice on the terminal. */
async function newPassword({ io, opts, out }: Session): Promise<string> {
  if (opts.passwordStdin) return firstLine(io.stdin);
  const first = await askSecret(io, out.t('cli|user.password-prompt'));
  if (first === undefined) throw new KodaError('account.password-needed');
  if ((await askSecret(io, out.t('cli|user.password-repeat'))) !== first) throw new KodaError('account.password-mismatch');
  return first;
}

async function firstLine(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}
