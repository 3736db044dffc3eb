import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { invalid, notFound } from '../../core/errors.js';
import { DurationReader, type RecordingKind, sniffRecording } from '../../formats/recording.js';
import type { ChangeRecorder } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import { newId, nowIso } from '../../store/ids.js';
import { eraseAbandonedRecordings, eraseRecording, inChunks, writeChunk } from '../../store/recordings.js';
import type { CommandContext } from './context.js';
import { recordingLimitBytes, recordingTooLarge } from './uploadLimit.js';

/** A recording written to the store but attached to no source yet. */
export interface StagedRecording {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  durationMs: number | null;
  sha256: string;
}

export interface RecordingUpload {
  projectId: string;
  fileName: string;
  /** The file's bytes in pieces of any size, as they arrive (a request body, a file stream). */
  content: AsyncIterable<Uint8Array>;
  /** The size announced beforehand (Content-Length, the file's), refused at once when over the limit. */
  declaredBytes?: number | undefined;
}

/**
 * Writes an uploaded recording into the store a chunk at a time, attached to no source yet:
 * its type sniffed from the first chunk (anything but wav, mp3, ogg/opus, m4a, webm or mp4 is
 * refused before a byte is stored), its size held to the limit, its SHA-256 and duration read as
 * it passes. Memory holds about two chunks (the one being filled and the one being stored) and
 * what the duration reader waits on, whatever the file's size. On any refusal what was written
 * is erased, so a refused file changes nothing.
 */
export async function stageRecording(ctx: CommandContext, upload: RecordingUpload): Promise<StagedRecording> {
  const { db } = ctx.store;
  const fileName = basename(upload.fileName);
  const limit = ctx.recordingLimitBytes ?? recordingLimitBytes();
  if ((upload.declaredBytes ?? 0) > limit) throw recordingTooLarge(fileName, limit);
  await eraseAbandonedRecordings(db);
  const id = newId();
  const hash = createHash('sha256');
  let kind: RecordingKind | null = null;
  let reader: DurationReader | null = null;
  let size = 0;
  let seq = 0;
  try {
    for await (const chunk of inChunks(upload.content)) {
      size += chunk.byteLength;
      if (size > limit) throw recordingTooLarge(fileName, limit);
      if (!kind) {
        kind = await sniffRecording(chunk);
        if (!kind) throw invalid('recording.unsupported', { file: fileName });
        await insertUnattached(db, id, upload.projectId, fileName, kind.mediaType);
        reader = new DurationReader(kind);
      }
      hash.update(chunk);
      await writeChunk(db, id, seq++, chunk);
      await reader?.push(chunk);
    }
    if (!kind || !reader) throw invalid('recording.empty', { file: fileName });
    const durationMs = await reader.duration().catch(() => {
      throw invalid('recording.unreadable', { file: fileName, format: kind?.format ?? '-' });
    });
    return { id, fileName, mediaType: kind.mediaType, sizeBytes: size, durationMs, sha256: hash.digest('hex') };
  } catch (e) {
    reader?.abandon();
    if (kind) await eraseRecording(db, id);
    throw e;
  }
}

async function insertUnattached(db: Db, id: string, projectId: string, fileName: string, mediaType: string) {
  await db
    .insertInto('recordings')
    .values({
      id,
      project_id: projectId,
      source_id: null,
      file_name: fileName,
      media_type: mediaType,
      size_bytes: 0,
      duration_ms: null,
      sha256: '',
      created_at: nowIso(),
    })
    .execute();
}

/**
 * Attaches a staged recording to a source, inside the action's transaction; the recording the
 * source had is detached, returned for `eraseDetached` to erase once the transaction commits.
 * Not recorded for undo: the history would have to hold a copy of the file.
 */
export async function attachStaged(w: ChangeRecorder, sourceId: string, staged: StagedRecording): Promise<string | null> {
  const old = await recordingOf(w.trx, sourceId);
  if (old) await w.trx.updateTable('recordings').set({ source_id: null }).where('id', '=', old.id).execute();
  await w.trx
    .updateTable('recordings')
    .set({
      source_id: sourceId,
      size_bytes: staged.sizeBytes,
      duration_ms: staged.durationMs,
      sha256: staged.sha256,
    })
    .where('id', '=', staged.id)
    .execute();
  await w.trx.updateTable('sources').set({ recording_deleted_at: null }).where('id', '=', sourceId).execute();
  return old?.id ?? null;
}

/** Erases a detached recording in short statements of its own, after the action committed. */
export async function eraseDetached(db: Db, recordingId: string | null): Promise<void> {
  if (recordingId) await eraseRecording(db, recordingId);
}

/** The recording of a source, without its bytes; undefined when it has none. */
export function recordingOf(db: Db, sourceId: string) {
  return db
    .selectFrom('recordings')
    .select(['id', 'file_name', 'media_type', 'size_bytes', 'duration_ms'])
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}

export async function requireRecordingOf(db: Db, sourceId: string, sourceName: string) {
  const row = await recordingOf(db, sourceId);
  if (!row) throw notFound('recording.none', { source: sourceName });
  return row;
}

/**
 * Erases the recordings of sources inside the caller's transaction (withdrawal, deleting a
 * source, retention): they go with the source for good, and no undo brings them back, since
 * the history holds no copy of a recording. Returns how many there were.
 */
export async function eraseRecordingsOf(w: ChangeRecorder, sourceIds: string[]): Promise<number> {
  if (sourceIds.length === 0) return 0;
  const rows = await w.trx.selectFrom('recordings').select('id').where('source_id', 'in', sourceIds).execute();
  for (const row of rows) await eraseRecording(w.trx, row.id);
  return rows.length;
}

/** What a recording is, as the answers of the recording actions say it. */
export function recordingFacts(r: { fileName: string; mediaType: string; sizeBytes: number; durationMs: number | null }) {
  return { fileName: r.fileName, mediaType: r.mediaType, sizeBytes: r.sizeBytes, durationMs: r.durationMs };
}
