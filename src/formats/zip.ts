import yauzl from 'yauzl';
import { invalid, KodaError } from '../core/errors.js';

/**
 * Reading zip containers (docx, odt, REFI-QDA .qdpx) with limits: a hostile or broken archive
 * is refused with one clear error before anything is kept.
 */
/**
 * Limits against zip bombs. Declared sizes are checked before an entry is opened; while it
 * inflates, a counter aborts as soon as it yields more than it declared. The declared sizes
 * were admitted against the limits, so the bytes actually inflated stay within them too, per
 * entry and in total, whatever the archive claims.
 */
export interface ZipLimits {
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Ratio uncompressed/compressed allowed for entries over 1 MB; XML rarely exceeds ~50. */
  maxRatio: number;
}

export const ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 50 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
  maxRatio: 200,
};

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Office files must be zips. A password-protected docx/odt saved by Word, or a legacy .doc,
 * is an OLE compound file instead: tell the user that rather than "corrupt".
 */
export function assertZip(bytes: Uint8Array, file: string, format: string): void {
  if (startsWith(bytes, OLE_MAGIC)) throw invalid('import.encrypted-or-legacy', { file });
  if (!startsWith(bytes, ZIP_MAGIC)) throw invalid('import.corrupt', { file, format });
}

/** Read the entries of a zip that `wanted` picks by name; the others are never inflated. */
export async function readZip(
  bytes: Uint8Array,
  file: string,
  format: string,
  wanted: (name: string) => boolean,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<Map<string, Buffer>> {
  assertZip(bytes, file, format);
  const zip = await openZip(bytes, file, format);
  const budget = new InflateBudget(file, format, limits);
  const found = new Map<string, Buffer>();
  try {
    budget.admitEntryCount(zip.entryCount);
    for await (const entry of entries(zip)) {
      if (wanted(entry.fileName)) found.set(entry.fileName, await readEntry(zip, entry, entry.fileName, budget));
    }
  } catch (e) {
    if (e instanceof KodaError) throw e;
    throw invalid('import.corrupt', { file, format });
  } finally {
    zip.close();
  }
  return found;
}

/** What one archive may still inflate; refuses with one clear error when it is spent. */
class InflateBudget {
  private declaredTotal = 0;

  constructor(
    readonly file: string,
    readonly format: string,
    private readonly limits: ZipLimits,
  ) {}

  tooLarge(): KodaError {
    return invalid('import.too-large', { file: this.file, format: this.format });
  }

  admitEntryCount(count: number): void {
    if (count > this.limits.maxEntries) throw this.tooLarge();
  }

  /** Admits an entry by its declared sizes, before it is opened. */
  admit(entry: yauzl.Entry): void {
    const size = entry.uncompressedSize;
    this.declaredTotal += size;
    if (size > this.limits.maxEntryBytes || this.declaredTotal > this.limits.maxTotalBytes) throw this.tooLarge();
    if (size > 1024 * 1024 && size / Math.max(entry.compressedSize, 1) > this.limits.maxRatio) throw this.tooLarge();
  }
}

// Sizes are checked by our own counter in readEntry, so the refusal is ours and clear.
function openZip(bytes: Uint8Array, file: string, format: string, decodeStrings = true): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: false, decodeStrings }, (err, zip) => {
      if (err || !zip) reject(invalid('import.corrupt', { file, format }));
      else resolve(zip);
    });
  });
}

async function* entries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  while (true) {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      const done = (value: yauzl.Entry | null, err?: Error) => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
        if (err) reject(err);
        else resolve(value);
      };
      const onEntry = (e: yauzl.Entry) => done(e);
      const onEnd = () => done(null);
      const onError = (err: Error) => done(null, err);
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}

/**
 * An entry's bytes, inflated under a counter: the stream is destroyed at the first chunk past
 * the declared size, so a lying entry costs at most one chunk more than it admitted to.
 */
function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, name: string, budget: InflateBudget): Promise<Buffer> {
  budget.admit(entry);
  const declared = entry.uncompressedSize;
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(err ?? new Error('no stream'));
      const chunks: Buffer[] = [];
      let read = 0;
      stream.on('data', (c: Buffer) => {
        read += c.length;
        if (read > declared) {
          stream.destroy();
          reject(invalid('zip.entry-larger-than-declared', { file: budget.file, entry: shownName(name) }));
          return;
        }
        chunks.push(c);
      });
      stream.on('error', reject);
      stream.on('end', () => {
        if (read === declared) resolve(Buffer.concat(chunks));
        else reject(invalid('import.corrupt', { file: budget.file, format: budget.format }));
      });
    });
  });
}

/** An entry's name as an error may show it: control characters masked, length bounded. */
function shownName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it masks
  return name.replace(/[\u0000-\u001f\u007f]/g, '?').slice(0, 200);
}

/** What `readZipAll` refuses besides size: names and kinds of entry that could escape or mislead. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/**
 * Read every file of a zip (REFI-QDA .qdpx) with limits. Refused, with one clear error and before
 * anything is kept: entries whose name is absolute, climbs out (`..`), uses backslashes or control
 * characters; symbolic links; two entries of the same name; and zip bombs (too many entries, too
 * large in all or one, or compressed too well). Folders are skipped.
 */
export async function readZipAll(
  bytes: Uint8Array,
  file: string,
  format: string,
  limits: ZipLimits = ZIP_LIMITS,
): Promise<Map<string, Buffer>> {
  assertZip(bytes, file, format);
  const zip = await openZip(bytes, file, format, false);
  const budget = new InflateBudget(file, format, limits);
  const found = new Map<string, Buffer>();
  const seen = new Set<string>();
  try {
    budget.admitEntryCount(zip.entryCount);
    for await (const entry of entries(zip)) {
      const name = entryName(entry);
      const shown = shownName(name);
      if (!safeEntryName(name)) throw invalid('zip.unsafe-path', { file, entry: shown });
      if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw invalid('zip.symlink', { file, entry: shown });
      const key = name.normalize('NFC').toLowerCase();
      if (seen.has(key)) throw invalid('zip.duplicate-entry', { file, entry: shown });
      seen.add(key);
      if (name.endsWith('/')) continue;
      if ((entry.generalPurposeBitFlag & 0x1) !== 0) throw invalid('import.corrupt', { file, format });
      found.set(name, await readEntry(zip, entry, name, budget));
    }
  } catch (e) {
    if (e instanceof KodaError) throw e;
    throw invalid('import.corrupt', { file, format });
  } finally {
    zip.close();
  }
  return found;
}

/** The entry's name, decoded (UTF-8 when flagged, else CP437) but not rewritten: backslashes stay. */
function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  if (typeof raw === 'string') return raw;
  const lowLevel = (yauzl as unknown as { getFileNameLowLevel: (f: number, n: Buffer, x: unknown, strict: boolean) => string })
    .getFileNameLowLevel;
  return lowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, true);
}

function safeEntryName(name: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters in a name are refused
  if (name === '' || name.includes('\\') || /[\u0000-\u001f\u007f]/.test(name)) return false;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return !name.split('/').some((part) => part === '..' || part === '.');
}
