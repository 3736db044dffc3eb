import { randomBytes, scrypt } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import { KodaError } from '../core/errors.js';

/**
 * Encryption at rest of the embedded store: SQLCipher 4 format (SQLite3MultipleCiphers'
 * `sqlcipher` cipher, legacy=4), so standard SQLCipher tools can open a store given the raw key.
 * The key is derived from the user's passphrase with scrypt (memory-hard); the salt and the KDF's
 * parameters sit in `koda.key.json` beside the database. That file's presence marks the store
 * as encrypted; it holds nothing secret.
 */
export const KEY_FILE = 'koda.key.json';

interface KeyParams {
  version: 1;
  cipher: 'sqlcipher';
  kdf: { name: 'scrypt'; salt: string; N: number; r: number; p: number };
}

const KDF = { N: 2 ** 17, r: 8, p: 1 };

export const isEncrypted = (dataDir: string): boolean => existsSync(join(dataDir, KEY_FILE));

/** Derives the raw database key for an encrypted store from its passphrase. */
export async function storeKey(dataDir: string, passphrase: string): Promise<Buffer> {
  const params = JSON.parse(readFileSync(join(dataDir, KEY_FILE), 'utf8')) as KeyParams;
  return derive(passphrase, Buffer.from(params.kdf.salt, 'base64'), params.kdf);
}

function derive(passphrase: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const cipherPragmas = (db: SQLite.Database) => {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
};

/** Unlocks an open connection; a wrong key is refused with a clear error. */
export function unlock(db: SQLite.Database, key: Buffer): void {
  cipherPragmas(db);
  db.pragma(`key="x'${key.toString('hex')}'"`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch {
    throw new KodaError('store.wrong-key', {}, 'forbidden');
  }
}

/**
 * Encrypts a store (or changes its passphrase): every page is rewritten under the new key.
 * Rekeying needs a rollback journal, so WAL is switched off for it and back on after. The key
 * file is written only once the database is rekeyed, so a failure leaves the store as it was.
 * Returns the new raw key.
 */
export async function rekeyStore(db: SQLite.Database, dataDir: string, passphrase: string): Promise<Buffer> {
  if (passphrase.length < 8) throw new KodaError('store.passphrase-short', { min: 8 });
  const salt = randomBytes(16);
  const key = await derive(passphrase, salt, KDF);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  cipherPragmas(db);
  db.pragma(`rekey="x'${key.toString('hex')}'"`);
  db.pragma('journal_mode = WAL');
  const params: KeyParams = { version: 1, cipher: 'sqlcipher', kdf: { name: 'scrypt', salt: salt.toString('base64'), ...KDF } };
  writeFileSync(join(dataDir, `${KEY_FILE}.tmp`), JSON.stringify(params, null, 2));
  renameSync(join(dataDir, `${KEY_FILE}.tmp`), join(dataDir, KEY_FILE));
  return key;
}
