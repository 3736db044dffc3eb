import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { assertUploadSize } from '../commands/helpers/uploadLimit.js';
import { KodaError } from '../core/errors.js';

/**
 * A file to import, read whole: refused by its size before it is read, with the limit the
 * server keeps, so a file too large never fills the memory.
 */
export async function readUpload(file: string): Promise<Uint8Array> {
  try {
    assertUploadSize((await stat(file)).size, basename(file));
    return await readFile(file);
  } catch (e) {
    if (e instanceof KodaError) throw e;
    throw new KodaError('file.unreadable', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}
