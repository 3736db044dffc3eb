/** What is served for bytes whose type cannot be told: a download, never something to render. */
export const UNKNOWN_MEDIA_TYPE = 'application/octet-stream';

/**
 * The media type of a file as its bytes show it (PDF, PNG, JPEG, docx, …), never the type an
 * uploader claimed: a form claimed to be a PDF but holding HTML must not reach a browser as HTML.
 */
export async function detectMediaType(bytes: Uint8Array): Promise<string> {
  // Loaded on first use (recording.ts says why).
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(bytes))?.mime ?? UNKNOWN_MEDIA_TYPE;
}
