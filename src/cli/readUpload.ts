import { open, readFile, stat } from 'node:fs/promises';
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

/**
 * A file to stream, not read whole (a recording of gigabytes): its size, for the limit to refuse
 * it at once, and its bytes in pieces of 256 KiB as the store's chunks are.
 */
export async function streamUpload(file: string): Promise<{ content: AsyncIterable<Uint8Array>; size: number }> {
  try {
    const { size } = await stat(file);
    const handle = await open(file);
    return { content: handle.createReadStream({ highWaterMark: 256 * 1024 }), size };
  } catch (e) {
    throw new KodaError('file.unreadable', { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}
