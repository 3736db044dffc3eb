import type { Db } from './db.js';
import { yieldToEventLoop } from './eventLoop.js';

/** The bytes of a recording are kept in pieces of this size (migration 007). */
export const CHUNK_BYTES = 256 * 1024;

/** Chunks erased per statement: 4 MiB, a few milliseconds of work between turns of the event loop. */
const ERASE_CHUNKS = 16;

/**
 * `pieces` cut again into chunks of exactly CHUNK_BYTES (the last may be shorter). Holds at most
 * one chunk being filled: the memory does not grow with the file.
 */
export async function* inChunks(pieces: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let chunk = new Uint8Array(CHUNK_BYTES);
  let filled = 0;
  for await (const piece of pieces) {
    for (let at = 0; at < piece.byteLength; ) {
      const take = Math.min(CHUNK_BYTES - filled, piece.byteLength - at);
      chunk.set(piece.subarray(at, at + take), filled);
      filled += take;
      at += take;
      if (filled === CHUNK_BYTES) {
        yield chunk;
        chunk = new Uint8Array(CHUNK_BYTES);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield chunk.subarray(0, filled);
}

/**
 * Stores one chunk in a statement of its own: an upload never holds the write lock (on SQLite
 * the one connection) longer than one chunk's insert, so other requests go on meanwhile.
 */
export async function writeChunk(db: Db, recordingId: string, seq: number, bytes: Uint8Array): Promise<void> {
  await db.insertInto('recording_chunks').values({ recording_id: recordingId, seq, bytes }).execute();
}

/**
 * The bytes `[start, end]` (inclusive, as HTTP ranges count) of a recording, a chunk per query:
 * only the chunks the range needs are read, one at a time.
 */
export async function* readRange(db: Db, recordingId: string, start: number, end: number): AsyncGenerator<Uint8Array> {
  for (let seq = Math.floor(start / CHUNK_BYTES); seq <= Math.floor(end / CHUNK_BYTES); seq++) {
    const row = await db
      .selectFrom('recording_chunks')
      .select('bytes')
      .where('recording_id', '=', recordingId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    if (!row) return;
    const offset = seq * CHUNK_BYTES;
    const bytes = row.bytes;
    yield bytes.subarray(Math.max(0, start - offset), Math.min(bytes.byteLength, end - offset + 1));
  }
}

/**
 * Erases a recording: its chunks a few at a time, with a turn of the event loop between (a
 * recording may be gigabytes), then its row. Runs in the caller's transaction or, given the
 * store, as short statements of its own.
 */
export async function eraseRecording(db: Db, recordingId: string): Promise<void> {
  const last = await db
    .selectFrom('recording_chunks')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('recording_id', '=', recordingId)
    .executeTakeFirst();
  const top = last?.seq === null || last?.seq === undefined ? -1 : Number(last.seq);
  for (let from = 0; from <= top; from += ERASE_CHUNKS) {
    await db
      .deleteFrom('recording_chunks')
      .where('recording_id', '=', recordingId)
      .where('seq', '>=', from)
      .where('seq', '<', from + ERASE_CHUNKS)
      .execute();
    await yieldToEventLoop();
  }
  await db.deleteFrom('recordings').where('id', '=', recordingId).execute();
}

/** How long an unattached recording may wait before it counts as abandoned (an upload cut off by a crash). */
const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * Erases recordings attached to no source since long enough that no upload can still be writing
 * them: what a crash left half-uploaded or half-erased.
 */
export async function eraseAbandonedRecordings(db: Db, now: Date = new Date()): Promise<number> {
  const before = new Date(now.getTime() - ABANDONED_AFTER_MS).toISOString();
  const rows = await db
    .selectFrom('recordings')
    .select('id')
    .where('source_id', 'is', null)
    .where('created_at', '<', before)
    .execute();
  for (const row of rows) await eraseRecording(db, row.id);
  return rows.length;
}
