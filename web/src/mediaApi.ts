import type { RecordingImported, TranscriptEdited } from '../../src/server/apiTypes.js';
import { ApiError, projectPath, request, upload } from './api.js';
import type { SaveFailure } from './media/autosave.js';

/** The files a recording may be (the server sniffs the bytes; this only guides the file picker). */
export const RECORDING_FILES = 'audio/*,video/*,.wav,.mp3,.ogg,.opus,.m4a,.webm,.mp4';

export const mediaApi = {
  /** Replaces a source's text; refused (409 `source.text-changed`) when `baseHash` is no longer its text's hash. */
  saveText: (project: string, source: string, text: string, baseHash: string) =>
    request<TranscriptEdited>('PUT', `${projectPath(project)}/sources/${encodeURIComponent(source)}/text`, { text, baseHash }),
  /** Attaches a recording to a source (replacing one it had), reporting upload progress (0–1). */
  attachRecording: (project: string, source: string, file: File, onProgress: (fraction: number) => void) =>
    upload<unknown>(
      `${projectPath(project)}/sources/${encodeURIComponent(source)}/recording?${new URLSearchParams({ fileName: file.name })}`,
      file,
      onProgress,
    ),
  /** A recording alone: a new source with an empty text, to transcribe. */
  importRecording: (project: string, file: File, onProgress: (fraction: number) => void) =>
    upload<RecordingImported>(
      `${projectPath(project)}/recordings?${new URLSearchParams({ fileName: file.name })}`,
      file,
      onProgress,
    ),
};

/**
 * What a failed save of a transcript means: the text changed elsewhere since (409), a refusal
 * that would come again (no right to edit, the source gone, the text refused), or a failure
 * worth trying again (no answer, the server busy or failing).
 */
export function saveFailure(e: unknown): SaveFailure {
  if (!(e instanceof ApiError)) return 'retry';
  if (e.code === 'source.text-changed') return 'conflict';
  return e.status >= 400 && e.status < 500 && e.status !== 408 && e.status !== 429 ? 'refused' : 'retry';
}
