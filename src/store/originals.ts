import { type Kysely, sql } from 'kysely';
import { ChangeRecorder } from './changes.js';
import { yieldToEventLoop } from './eventLoop.js';
import { newId } from './ids.js';
import type { Database, OriginalPieceRow } from './schema.js';

/**
 * A source's uploaded original file is kept in `original_pieces` (migration 014), 1 MiB a row:
 * each piece is written and read by a statement of its own, with a turn of the event loop
 * between, so a 20 MB file never holds the server's thread for one long statement (issue 13).
 */
export const ORIGINAL_PIECE_BYTES = 1024 * 1024;

/**
 * Stores `bytes` as the original of source `sourceId` (inserted in this transaction), recorded
 * so that undo removes it with the source. An empty file is one empty piece: kept, not missing.
 */
export async function writeOriginal(w: ChangeRecorder, sourceId: string, bytes: Uint8Array): Promise<void> {
  const pieces: OriginalPieceRow[] = [];
  for (let seq = 0; seq === 0 || seq * ORIGINAL_PIECE_BYTES < bytes.byteLength; seq++) {
    const at = seq * ORIGINAL_PIECE_BYTES;
    pieces.push({ id: newId(), source_id: sourceId, seq, bytes: bytes.subarray(at, at + ORIGINAL_PIECE_BYTES) });
  }
  await w.insert('original_pieces', pieces);
}

/** Source `sourceId`'s original file, a piece per query with a turn of the event loop between; null when not kept. */
export async function readOriginal(db: Kysely<Database>, sourceId: string): Promise<Uint8Array | null> {
  // length() needs no piece read: SQLite knows a blob's size from its header, PostgreSQL from its TOAST pointer.
  const { size } = await db
    .selectFrom('original_pieces')
    .select(sql<number | string | null>`sum(length(bytes))`.as('size'))
    .where('source_id', '=', sourceId)
    .executeTakeFirstOrThrow();
  if (size === null) return null;
  const bytes = new Uint8Array(Number(size));
  for (let seq = 0, at = 0; at < bytes.byteLength; seq++) {
    if (seq > 0) await yieldToEventLoop();
    const piece = await db
      .selectFrom('original_pieces')
      .select('bytes')
      .where('source_id', '=', sourceId)
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();
    bytes.set(piece.bytes, at);
    at += piece.bytes.byteLength;
  }
  return bytes;
}

/**
 * Erases the originals of `sourceIds` a piece per statement. Through a recorder the pieces are
 * recorded (undo puts them back until the history is cleared); straight in a transaction, not.
 * Returns how many of the sources had one.
 */
export async function deleteOriginals(w: ChangeRecorder | Kysely<Database>, sourceIds: readonly string[]): Promise<number> {
  if (sourceIds.length === 0) return 0;
  const q = w instanceof ChangeRecorder ? w.trx : w;
  const pieces = await q
    .selectFrom('original_pieces')
    .select(['id', 'source_id'])
    .where('source_id', 'in', [...sourceIds])
    .execute();
  for (const piece of pieces) {
    if (w instanceof ChangeRecorder) await w.delete('original_pieces', [piece.id]);
    else await w.deleteFrom('original_pieces').where('id', '=', piece.id).execute();
    await yieldToEventLoop();
  }
  return new Set(pieces.map((p) => p.source_id)).size;
}
