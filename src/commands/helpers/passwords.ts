import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with Node's scrypt (memory-hard; no native add-on to build). N = 2^15,
 * r = 8, p = 1: 32 MiB per hash (128·N·r bytes), the parameters the design fixed. OWASP's
 * cheat sheet pairs N = 2^15 with p = 3; raising p later costs only time. Stored as `scrypt$N$r$p$<salt b64>$<hash b64>`, so the parameters can rise without
 * invalidating old hashes. Async: the hash runs on libuv's pool, the event loop stays free.
 */
const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that, so give room. */
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(pw: string, salt: Buffer, options: { N: number; r: number; p: number }): Promise<Buffer> {
  const scryptOptions: ScryptOptions = { ...options, maxmem: MAX_MEMORY };
  return new Promise((resolve, reject) =>
    scrypt(pw.normalize('NFKC'), salt, KEY_BYTES, scryptOptions, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function hashPassword(pw: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pw, salt, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `pw` matches a stored hash; a malformed stored value matches nothing. */
export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(pw, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of no one's password: an unknown name costs the same time as a wrong password. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
}
