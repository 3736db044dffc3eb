import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { KodaError } from '../core/errors.js';

/**
 * The header every state-changing request must carry. A web page on another site cannot send
 * it: a custom header makes the browser ask first (a CORS preflight), and Koda never allows
 * another origin, so the request is never sent. The UI's API client adds it to every call.
 */
export const CSRF_HEADER = 'x-koda-csrf';

/** Methods that change nothing; every other method must prove it comes from Koda's own page. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether `host` (a name or an address, as given to `--host`) is this machine's loopback. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
}

/** Splits a Host header into its name and port (`[::1]:4312` → `[::1]`, 4312). */
function splitHost(header: string): { name: string; port: number | null } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(header.trim().toLowerCase());
  if (!match) return { name: '', port: null };
  return { name: match[1] ?? '', port: match[2] === undefined ? null : Number(match[2]) };
}

/**
 * Refuses requests that name another host (DNS rebinding: a page whose domain now points at
 * 127.0.0.1 would otherwise read everything) and state changes that did not come from Koda's own
 * page (cross-site request forgery). Installed before any route, so it covers every route,
 * the UI's files and the live-update stream alike.
 */
export function guardRequests(app: FastifyInstance, publicUrls: string[] = []): void {
  // Koda's clients send JSON or raw uploads; a text/plain body is what a cross-site form sends.
  app.removeContentTypeParser('text/plain');
  // A server with accounts is reached by the names of its public URLs (`--public-url`), as given.
  const publicHosts = new Set(publicUrls.map((url) => new URL(url).host.toLowerCase()));
  app.addHook('onRequest', async (req) => {
    const host = req.headers.host ?? '';
    if (!publicHosts.has(host.trim().toLowerCase()) && !isServedHost(app, host))
      throw new KodaError('request.wrong-host', { host: host.slice(0, 100) }, 'forbidden');
    if (SAFE_METHODS.has(req.method)) return;
    if (!isSameOrigin(req, host)) throw new KodaError('request.cross-site', {}, 'forbidden');
  });
}

/**
 * A loopback name with the port being served. Before the server listens (requests injected by
 * tests) there is no port to compare, so only the name is checked.
 */
function isServedHost(app: FastifyInstance, header: string): boolean {
  const { name, port } = splitHost(header);
  if (!isLoopbackHost(name)) return false;
  const address = app.server.address();
  if (address === null || typeof address === 'string') return true;
  return port === address.port;
}

function isSameOrigin(req: FastifyRequest, host: string): boolean {
  if (req.headers[CSRF_HEADER] !== '1') return false;
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  return origin === undefined || origin === `http://${host}` || origin === `https://${host}`;
}
