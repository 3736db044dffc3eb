import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVE_NODE_FLAGS } from '../src/server/memory.js';
import { Api, request } from './http.js';
import { spawnKoda } from './processes.js';

/** Who created the seeded project (seed.ts), and the suite's person in local mode. */
export const OWNER = 'ulla';

/** A port free on loopback right now. */
export function freePort(address = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, address, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** A running `koda serve` child process. */
export class KodaServer {
  private output = '';
  private errors = '';

  constructor(
    readonly child: ChildProcess,
    readonly port: number,
    readonly address: '127.0.0.1' | '::1',
  ) {
    child.stdout?.on('data', (d: Buffer) => {
      this.output += d.toString('utf8');
    });
    child.stderr?.on('data', (d: Buffer) => {
      this.errors += d.toString('utf8');
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Signed in as the laptop's person once started in local mode (startServer). */
  session?: Api;

  /** The API as the signed-in person; anonymous on a server with accounts (sign in with api.signIn). */
  get api(): Api {
    return this.session ?? new Api(this.port);
  }

  get stdout() {
    return this.output;
  }

  get stderr() {
    return this.errors;
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no chance to flush or close anything. */
  kill9(): Promise<void> {
    return this.stop('SIGKILL');
  }

  /** Stops the server (SIGTERM lets it close the store); kill -9 if it has not ended within 10 s. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.alive) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    const stuck = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    return exited.finally(() => clearTimeout(stuck));
  }
}

export interface ServeOptions {
  /** `--host`; 127.0.0.1 unless given. */
  host?: '127.0.0.1' | '::1';
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/**
 * Starts `koda serve --no-demo` on a free port, with the Node flags `npm start` gives it, and waits
 * until /api/health answers.
 */
export async function startServer(dataDir: string, options: ServeOptions = {}): Promise<KodaServer> {
  const address = options.host ?? '127.0.0.1';
  const port = await freePort(address);
  const args = ['--data', dataDir, 'serve', '--port', String(port), '--host', address, '--no-demo'];
  const child = spawnKoda(args, options.env, undefined, SERVE_NODE_FLAGS);
  const server = new KodaServer(child, port, address);
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (!server.alive) throw new Error(`koda serve exited: ${server.stderr.trim() || server.stdout.trim()}`);
    const answer = await request({ address, port, path: '/api/health', timeoutMs: 2_000 });
    if (answer.status === 200) {
      // Local mode: the suite is the laptop's person, the project's owner. A server with accounts
      // has no local sign-in: its checks sign in with passwords.
      const mode = (await request({ address, port, path: '/api/session' })).json as { mode?: string } | undefined;
      if (mode?.mode === 'local') server.session = await server.api.signIn(OWNER);
      return server;
    }
    await sleep(100);
  }
  await server.kill9();
  throw new Error('koda serve did not answer /api/health in time');
}

/** Runs `use` against a fresh server and stops the server afterwards, whatever happened. */
export async function withServer<T>(
  dataDir: string,
  use: (server: KodaServer) => Promise<T>,
  options?: ServeOptions,
): Promise<T> {
  const server = await startServer(dataDir, options);
  try {
    return await use(server);
  } finally {
    await server.kill9();
  }
}
