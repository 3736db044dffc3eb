import type { TranscriptEdited } from '../../src/server/apiTypes.js';
import { ApiError, projectPath, request } from './api.js';

export const mediaApi = {
  /** Replaces a source's text; refused (409 `source.text-changed`) when `baseHash` is no longer its text's hash. */
  saveText: (project: string, source: string, text: string, baseHash: string) =>
    request<TranscriptEdited>('PUT', `${projectPath(project)}/sources/${encodeURIComponent(source)}/text`, { text, baseHash }),
};

/** The text was changed elsewhere since the edit began. */
export const isTextChanged = (e: unknown) => e instanceof ApiError && e.code === 'source.text-changed';
