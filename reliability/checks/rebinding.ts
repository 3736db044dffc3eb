import { setTimeout as sleep } from 'node:timers/promises';
import { described, request } from '../http.js';
import { finished, spawnKoda } from '../processes.js';
import { type Check, notHeld, verdict } from '../report.js';
import { freePort, startServer, withServer } from '../server.js';
import type { Suite } from '../suite.js';

/**
 * Attack 2: DNS rebinding. A page on attacker.example whose name now points at 127.0.0.1
 * sends `Host: attacker.example`; the server must refuse it. Binding beyond loopback must be
 * refused while there are no accounts, and the address printed on start must be the real one.
 */
export async function rebinding(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'rebinding');
  const checks = await withServer(dataDir, async ({ port }) => {
    const foreign = await request({ port, path: '/api/projects', headers: { host: 'attacker.example' } });
    const foreignWithPort = await request({ port, path: '/api/projects', headers: { host: `attacker.example:${port}` } });
    const own = await request({ port, path: '/api/projects', headers: { host: `127.0.0.1:${port}` } });
    const refused = (s: number) => s >= 400 && s < 500;
    return [
      verdict(
        refused(foreign.status) && refused(foreignWithPort.status),
        `rebinding: Host attacker.example refused: ${described(foreign)}, with the port: ${described(foreignWithPort)}`,
      ),
      verdict(own.status === 200, `rebinding: Host 127.0.0.1:${port} still works: ${described(own)}`),
    ];
  });
  checks.push(await everyAddressRefused(suite), await printedUrl(suite, '127.0.0.1'), await printedUrl(suite, '::1'));
  return checks;
}

/** `koda serve --host 0.0.0.0` with no accounts must exit with one line, never listen. */
async function everyAddressRefused(suite: Suite): Promise<Check> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'any-address');
  const port = await freePort();
  const child = spawnKoda(['--data', dataDir, 'serve', '--port', String(port), '--host', '0.0.0.0', '--no-demo']);
  const exit = finished(child, 30_000);
  // Asked on loopback only: if it answers there, it is listening on every address.
  const listening = (async () => {
    for (let i = 0; i < 150 && child.exitCode === null; i++) {
      if ((await request({ port, path: '/api/health', timeoutMs: 1_000 })).status === 200) return true;
      await sleep(200);
    }
    return false;
  })();
  if (await listening) {
    child.kill('SIGKILL');
    await exit;
    return notHeld('serve --host 0.0.0.0 started listening on every address');
  }
  const r = await exit;
  const lines = r.stderr.trim().split('\n').filter(Boolean);
  return verdict(
    r.code !== 0 && lines.length === 1,
    `serve --host 0.0.0.0 refused: exit ${r.code}, ${lines.length} line(s) on stderr${lines[0] ? `: ${lines[0].slice(0, 100)}` : ''}`,
  );
}

/**
 * The URL printed on start must lead to the server: its bound address and port, and the server
 * must answer a request that names it in Host. On ::1, `localhost` also counts: it names both
 * loopback addresses and a browser tries ::1 too.
 */
async function printedUrl(suite: Suite, host: '127.0.0.1' | '::1'): Promise<Check> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'printed-url');
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    server = await startServer(dataDir, { host });
    const printed = /https?:\/\/\S+/.exec(server.stdout)?.[0] ?? '';
    const bound = `${host === '::1' ? '[::1]' : host}:${server.port}`;
    const url = URL.canParse(printed) ? new URL(printed) : undefined;
    const names = url?.host === bound || (host === '::1' && url?.host === `localhost:${server.port}`);
    const answer = await request({
      address: host,
      port: server.port,
      path: '/api/health',
      headers: { host: url?.host ?? bound },
    });
    return verdict(
      names && answer.status === 200,
      `serve --host ${host} prints where it listens: printed ${printed || '(nothing)'}, bound ${bound}, ` +
        `a request naming it: ${described(answer)}`,
    );
  } catch (e) {
    return notHeld(`serve --host ${host}: ${(e as Error).message}`);
  } finally {
    await server?.kill9();
  }
}
