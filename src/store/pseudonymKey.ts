import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KodaError } from '../core/errors.js';

/** One entry of a project's pseudonym key: the real forms that its fictive form replaces. */
export interface PseudonymKeyEntry {
  /** The id of the entry's row in `pseudonym_entries` (which holds only the fictive side). */
  id: string;
  real: string[];
}

interface KeyFile {
  version: 1;
  kdf: { name: 'scrypt'; salt: string; N: number; r: number; p: number };
  iv: string;
  tag: string;
  data: string;
}

const KDF = { N: 2 ** 15, r: 8, p: 1 };

/**
 * The key of a pseudonym map (real → fictive) is kept apart from the texts: one file per project
 * in `<data>/keys/`, AES-256-GCM encrypted with a key derived (scrypt, memory-hard) from its own
 * secret, never the database's. Without the secret nobody learns who the fictive names stand for.
 */
export class PseudonymKey {
  private constructor(
    private readonly file: string,
    private readonly secret: string,
    readonly entries: PseudonymKeyEntry[],
  ) {}

  static path(dataDir: string, projectId: string): string {
    return join(dataDir, 'keys', `pseudonyms-${projectId}.key`);
  }

  static exists(dataDir: string, projectId: string): boolean {
    return existsSync(PseudonymKey.path(dataDir, projectId));
  }

  /** Opens the key (an empty one if the project has none yet); a wrong secret is refused. */
  static open(dataDir: string, projectId: string, secret: string | undefined): PseudonymKey {
    if (!secret) throw new KodaError('pseudonym.secret-required', {}, 'forbidden');
    const file = PseudonymKey.path(dataDir, projectId);
    if (!existsSync(file)) return new PseudonymKey(file, secret, []);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
    const key = scryptSync(secret, Buffer.from(stored.kdf.salt, 'base64'), 32, {
      N: stored.kdf.N,
      r: stored.kdf.r,
      p: stored.kdf.p,
      maxmem: 64 * 1024 * 1024,
    });
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(stored.iv, 'base64'));
      decipher.setAuthTag(Buffer.from(stored.tag, 'base64'));
      const plain = Buffer.concat([decipher.update(Buffer.from(stored.data, 'base64')), decipher.final()]);
      return new PseudonymKey(file, secret, (JSON.parse(plain.toString('utf8')) as { entries: PseudonymKeyEntry[] }).entries);
    } catch {
      throw new KodaError('pseudonym.wrong-secret', {}, 'forbidden');
    }
  }

  /** Writes the key atomically (a new salt and IV every time). */
  save(): void {
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = scryptSync(this.secret, salt, 32, { ...KDF, maxmem: 64 * 1024 * 1024 });
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify({ entries: this.entries }), 'utf8'), cipher.final()]);
    const stored: KeyFile = {
      version: 1,
      kdf: { name: 'scrypt', salt: salt.toString('base64'), ...KDF },
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    mkdirSync(join(this.file, '..'), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify(stored));
    renameSync(`${this.file}.tmp`, this.file);
  }

  /** Removes entries (e.g. those only a withdrawn participant's material used). */
  drop(ids: string[]): void {
    const gone = new Set(ids);
    const kept = this.entries.filter((e) => !gone.has(e.id));
    this.entries.splice(0, this.entries.length, ...kept);
  }

  static remove(dataDir: string, projectId: string): void {
    rmSync(PseudonymKey.path(dataDir, projectId), { force: true });
  }
}
