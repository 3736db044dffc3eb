import { createCipheriv, createDecipheriv, randomBytes, type ScryptOptions, scrypt } from 'node:crypto';
import { closeSync, existsSync, fstatSync, fsyncSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { KodaError } from '../core/errors.js';
import type { ChangeRecorder } from './changes.js';
import type { Db, Store } from './db.js';
import { newId, nowIso } from './ids.js';

/** One entry of a project's pseudonym key: the real forms that its fictive form replaces. */
export interface PseudonymKeyEntry {
  /** The id of the entry's row in `pseudonym_entries` (which holds only the fictive side). */
  id: string;
  real: string[];
}

interface SealedKey {
  version: 1;
  kdf: { name: 'scrypt'; salt: string; N: number; r: number; p: number };
  iv: string;
  tag: string;
  data: string;
}

const KDF = { N: 2 ** 15, r: 8, p: 1 };

/**
 * The key of a pseudonym map (real → fictive) is kept apart from the texts: one row per project
 * in `pseudonym_keys`, AES-256-GCM encrypted with a key derived (scrypt, memory-hard) from its own
 * secret, never the database's. Without the secret nobody learns who the fictive names stand for,
 * not even whoever holds the database. Written through the command's recorder, so the key commits
 * (and is undone) together with the rows of the map.
 */
export class PseudonymKey {
  private constructor(
    private readonly projectId: string,
    /** The key's row, when the project has one already. */
    private readonly rowId: string | undefined,
    private readonly secret: string,
    readonly entries: PseudonymKeyEntry[],
    /** The derived key it was opened with: sealed again under it (a new IV each time), one derivation per command, not two. */
    private sealing: Sealing | undefined,
  ) {}

  static async exists(db: Db, projectId: string): Promise<boolean> {
    return (await keyRow(db, projectId)) !== undefined;
  }

  /** Opens the key (an empty one if the project has none yet); a wrong secret is refused. */
  static async open(db: Db, projectId: string, secret: string | undefined): Promise<PseudonymKey> {
    if (!secret) throw new KodaError('pseudonym.secret-required', {}, 'forbidden');
    const row = await keyRow(db, projectId);
    if (!row) return new PseudonymKey(projectId, undefined, secret, [], undefined);
    const sealed = JSON.parse(row.key) as SealedKey;
    const { N, r, p } = sealed.kdf;
    const salt = Buffer.from(sealed.kdf.salt, 'base64');
    const sealing = { salt, kdf: { N, r, p }, key: await deriveKey(secret, salt, sealed.kdf) };
    return new PseudonymKey(projectId, row.id, secret, unseal(sealed, sealing.key), sealing);
  }

  /** Writes the key, sealed with a new IV every time (and a new salt for a new key). */
  async save(w: ChangeRecorder): Promise<void> {
    this.sealing ??= await newSealing(this.secret);
    const key = JSON.stringify(seal(this.entries, this.sealing));
    if (this.rowId) await w.update('pseudonym_keys', this.rowId, { key, updated_at: nowIso() });
    else await w.insert('pseudonym_keys', { id: newId(), project_id: this.projectId, key, updated_at: nowIso() });
  }

  /** Removes entries (e.g. those only a withdrawn participant's material used). */
  drop(ids: string[]): void {
    const gone = new Set(ids);
    const kept = this.entries.filter((e) => !gone.has(e.id));
    this.entries.splice(0, this.entries.length, ...kept);
  }
}

function keyRow(db: Db, projectId: string) {
  return db.selectFrom('pseudonym_keys').select(['id', 'key']).where('project_id', '=', projectId).executeTakeFirst();
}

const scryptAsync = promisify(scrypt) as (
  secret: string,
  salt: Buffer,
  length: number,
  options: ScryptOptions,
) => Promise<Buffer>;

/** On the thread pool: a derivation takes a few hundred ms, which would hold the server's event loop. */
function deriveKey(secret: string, salt: Buffer, kdf: { N: number; r: number; p: number }): Promise<Buffer> {
  return scryptAsync(secret, salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 64 * 1024 * 1024 });
}

/** A key derived from the secret, and the salt and parameters it was derived with. */
interface Sealing {
  salt: Buffer;
  kdf: typeof KDF;
  key: Buffer;
}

async function newSealing(secret: string): Promise<Sealing> {
  const salt = randomBytes(16);
  return { salt, kdf: KDF, key: await deriveKey(secret, salt, KDF) };
}

function seal(entries: PseudonymKeyEntry[], { salt, kdf, key }: Sealing): SealedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(JSON.stringify({ entries }), 'utf8'), cipher.final()]);
  return {
    version: 1,
    kdf: { name: 'scrypt', salt: salt.toString('base64'), ...kdf },
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

function unseal(sealed: SealedKey, key: Buffer): PseudonymKeyEntry[] {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
    return (JSON.parse(plain.toString('utf8')) as { entries: PseudonymKeyEntry[] }).entries;
  } catch {
    throw new KodaError('pseudonym.wrong-secret', {}, 'forbidden');
  }
}

/** Where embedded stores before migration 005 kept each project's key: `<data>/keys/pseudonyms-<project>.key`. */
export function legacyKeyFile(dataDir: string, projectId: string): string {
  return join(dataDir, 'keys', `pseudonyms-${projectId}.key`);
}

const LEGACY_NAME = /^pseudonyms-(.+)\.key$/;

/**
 * Moves the key files an embedded store kept in `<data>/keys/` into its `pseudonym_keys` table,
 * each as it is (still sealed; no secret needed), then overwrites and removes the file. A file is
 * removed only once its key is committed; one whose project already has a key row is a leftover
 * of an interrupted move and is removed too. A PostgreSQL store leaves the folder alone: those
 * files belong to the embedded store of the data folder. An unreadable file or one of an unknown
 * project is kept: a key is never thrown away on a guess.
 */
export async function adoptKeyFiles(store: Store): Promise<void> {
  const folder = join(store.dataDir, 'keys');
  if (store.engine !== 'sqlite' || !existsSync(folder)) return;
  for (const name of readdirSync(folder)) {
    const projectId = LEGACY_NAME.exec(name)?.[1];
    if (projectId && (await adoptKeyFile(store.db, projectId, join(folder, name)))) shred(join(folder, name));
  }
}

/** Puts the file's key in the table unless the project has one; says whether the file may go. */
async function adoptKeyFile(db: Db, projectId: string, file: string): Promise<boolean> {
  const key = readSealedKey(file);
  if (!key) return false;
  return db.transaction().execute(async (trx) => {
    const project = await trx.selectFrom('projects').select('id').where('id', '=', projectId).executeTakeFirst();
    if (!project) return false;
    if (await keyRow(trx, projectId)) return true;
    await trx.insertInto('pseudonym_keys').values({ id: newId(), project_id: projectId, key, updated_at: nowIso() }).execute();
    return true;
  });
}

/** The file's sealed key as JSON text, or undefined if it is not one. */
function readSealedKey(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const sealed = JSON.parse(text) as Partial<SealedKey>;
    return sealed.version === 1 && sealed.kdf?.name === 'scrypt' && typeof sealed.data === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Overwrites the file with random bytes, flushed to disk, before unlinking it: the sealed key is
 * useless without the secret, but a secret may leak one day, and a key that is gone cannot.
 */
function shred(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, randomBytes(fstatSync(fd).size), 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  rmSync(file, { force: true });
}
