import { KodaError } from '../core/errors.js';

/**
 * A PostgreSQL connection URL as Koda accepts it: `postgres://USER[:PASSWORD]@HOST[:PORT]/DB`
 * (or `postgresql://`), with libpq's `sslmode` and `host=/socket/folder` parameters. Everything
 * Koda prints about it goes through `redacted`, so a password never reaches a log or a terminal.
 */
export interface DatabaseUrl {
  url: string;
  /** Host, or the socket folder for a Unix socket. */
  host: string;
  /** Loopback or a Unix socket: the traffic never leaves this computer. */
  local: boolean;
  /** Whether the URL asks for TLS (sslmode require, verify-ca or verify-full). */
  tls: boolean;
  /** The URL with its password replaced by `***`. */
  redacted: string;
}

const TLS_MODES = new Set(['require', 'verify-ca', 'verify-full']);
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[?::1\]?)$/i;

/** Whether `text` names a PostgreSQL database rather than a data folder. */
export function isDatabaseUrl(text: string): boolean {
  return /^postgres(ql)?:\/\//i.test(text);
}

export function parseDatabaseUrl(text: string): DatabaseUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new KodaError('store.bad-url', {});
  }
  if (!isDatabaseUrl(text) || url.pathname.length < 2) throw new KodaError('store.bad-url', {});
  const socket = url.searchParams.get('host');
  const host = socket ?? url.hostname;
  const safe = new URL(text);
  if (safe.password) safe.password = '***';
  return {
    url: text,
    host: host || 'localhost',
    local: (socket?.startsWith('/') ?? false) || LOOPBACK.test(url.hostname || 'localhost'),
    tls: TLS_MODES.has(url.searchParams.get('sslmode') ?? ''),
    redacted: safe.toString(),
  };
}

/**
 * Traffic to another computer must be encrypted: the study's texts and names cross the network.
 * A plain connection to a non-loopback host is refused unless the operator says otherwise.
 */
export function assertTransportSafe(db: DatabaseUrl, allowPlaintext: boolean): void {
  if (!db.local && !db.tls && !allowPlaintext) throw new KodaError('store.plaintext', { host: db.host }, 'forbidden');
}
