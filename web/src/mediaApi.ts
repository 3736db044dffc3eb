import type { RecordingImported, TranscriptEdited } from '../../src/server/apiTypes.js';
import { ApiError, projectPath, request, upload } from './api.js';

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

/** The text was changed elsewhere since the edit began. */
export const isTextChanged = (e: unknown) => e instanceof ApiError && e.code === 'source.text-changed';
