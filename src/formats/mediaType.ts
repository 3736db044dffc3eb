import type { FileTypeResult } from 'file-type';

/**
 * The type the bytes show, by file-type. Loaded with the first file that needs it (a consent
 * form, a recording), not with the server: with music-metadata (recording.ts) about 2 MiB of
 * heap a study without them never holds.
 */
export async function fileTypeOf(bytes: Uint8Array): Promise<FileTypeResult | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  return fileTypeFromBuffer(bytes);
}

/** What is served for bytes whose type cannot be told: a download, never something to render. */
export const UNKNOWN_MEDIA_TYPE = 'application/octet-stream';

/**
 * The media type of a file as its bytes show it (PDF, PNG, JPEG, docx, …), never the type an
 * uploader claimed: a form claimed to be a PDF but holding HTML must not reach a browser as HTML.
 */
export async function detectMediaType(bytes: Uint8Array): Promise<string> {
  return (await fileTypeOf(bytes))?.mime ?? UNKNOWN_MEDIA_TYPE;
}
