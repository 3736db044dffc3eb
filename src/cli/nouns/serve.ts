import { join } from 'node:path';
import type { Command } from 'commander';
import { accessMode } from '../../commands/accounts/mode.js';
import { createDemoProject } from '../../commands/createDemoProject.js';
import type { CommandContext } from '../../commands/helpers/context.js';
import { KodaError } from '../../core/errors.js';
import type { Language } from '../../i18n/index.js';
import { translator } from '../../i18n/index.js';
import { buildServer } from '../../server/app.js';
import { boundHeapGrowth } from '../../server/memory.js';
import { oidcSettings } from '../../server/oidc.js';
import { isLoopbackHost } from '../../server/requestGuard.js';
import { hasEmbeddedStore, resolveDataDir } from '../../store/db.js';
import { packageRoot } from '../../store/paths.js';
import type { CliIo, GlobalOptions } from '../io.js';
import { actorName, integer, openCliStore } from '../session.js';

const webRoot = () => join(packageRoot(), 'web', 'dist');

/** Whether there is a store to look for accounts in: a database URL, or the data folder's file. */
function storeExists(global: GlobalOptions, env: NodeJS.ProcessEnv): boolean {
  return Boolean(global.database ?? env.KODA_DATABASE_URL) || hasEmbeddedStore(resolveDataDir(global.data, env));
}

/** A `--public-url`: an http(s) address, refused in one line otherwise. */
function publicUrl(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (url?.protocol !== 'https:' && url?.protocol !== 'http:') throw new KodaError('serve.public-url', { url: text });
  return url.origin;
}

interface ServeOptions {
  port: number;
  host: string;
  publicUrl?: string[];
  oidcIssuer?: string;
  oidcClientId?: string;
  oidcName?: string;
  demo: boolean;
  stopGrace: number;
}

/**
 * `koda serve` keeps its store open until stopped, so it does not use the per-command session.
 * On a data folder with no database yet it first creates the demo project.
 */
export function serveCommand(program: Command, io: CliIo, lang: () => Language) {
  program
    .command('serve')
    .description(
      'serve Koda: on 127.0.0.1 in local mode, on any address with accounts (creates the demo project in an empty data folder)',
    )
    .option('--port <n>', 'port', integer, 4312)
    .option(
      '--host <host>',
      'address to bind: this computer (127.0.0.1, ::1 or localhost), or any other with accounts',
      '127.0.0.1',
    )
    .option('--public-url <url...>', 'the address people reach Koda at (https makes cookies Secure); repeatable')
    .option('--oidc-issuer <url>', "sign-in with the university's identity provider (OpenID Connect): its issuer URL")
    .option(
      '--oidc-client-id <id>',
      "Koda's client id at the provider; the secret comes from KODA_OIDC_CLIENT_SECRET, the redirect URI is <first --public-url>/api/session/oidc/callback",
    )
    .option('--oidc-name <name>', 'what the sign-in button calls the provider (default: its host name)')
    .option('--no-demo', 'do not create the demo project in an empty data folder')
    .option(
      '--stop-grace <seconds>',
      'on SIGTERM or Ctrl-C, how long requests under way may take to finish before their connections are closed',
      integer,
      10,
    )
    .action(async (opts: ServeOptions, cmd: Command) => {
      const publicUrls = (opts.publicUrl ?? []).map(publicUrl);
      // The secret only from the environment: a flag would show in `ps`.
      const oidc = oidcSettings({
        issuer: opts.oidcIssuer,
        clientId: opts.oidcClientId,
        clientSecret: io.env.KODA_OIDC_CLIENT_SECRET,
        publicUrl: publicUrls[0],
        name: opts.oidcName,
      });
      const global = cmd.optsWithGlobals() as GlobalOptions;
      const refuse = () => new KodaError('serve.not-loopback', { host: opts.host }, 'forbidden');
      // A data folder without a store has no accounts: refused before one is created.
      if (!isLoopbackHost(opts.host) && !oidc && !storeExists(global, io.env)) throw refuse();
      boundHeapGrowth();
      const store = await openCliStore(io, global, lang(), { checkpointInBackground: true });
      const ctx: CommandContext = { store, actor: actorName(global, io.env), pseudonymSecret: io.env.KODA_PSEUDONYM_KEY };
      const mode = await accessMode(ctx, { oidc: oidc !== undefined });
      // Without accounts, anyone who can reach the server could read and change every study.
      if (mode === 'local' && !isLoopbackHost(opts.host)) {
        await store.close();
        throw refuse();
      }
      const t = translator(lang());
      if (store.created && opts.demo) {
        const demo = await createDemoProject(ctx);
        io.stdout.write(`${t('cli|demo.created', demo)}\n`);
      }
      const app = await buildServer(ctx, { language: lang(), webRoot: webRoot(), publicUrls, oidc });
      const url = await app.listen({ port: opts.port, host: opts.host });
      io.stdout.write(
        `${t('cli|serve.listening', { url: url.replace('[::1]', 'localhost') })}\n${t(`cli|serve.mode-${mode}`)}\n${store.engine === 'postgres' ? t('cli|serve.database', { url: store.location }) : t('cli|serve.data', { dir: store.location })}\n`,
      );
      // New connections are refused at once; a request under way (an upload, a download a client
      // stopped reading) gets the grace period, then its connection is closed, so a service
      // manager's stop never hangs. A second signal stops at once.
      const stop = async () => {
        process.once('SIGINT', () => process.exit(1));
        process.once('SIGTERM', () => process.exit(1));
        const force = setTimeout(() => app.server.closeAllConnections(), opts.stopGrace * 1000);
        await app.close();
        clearTimeout(force);
        await store.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
