import { invalid, type KodaError } from '../../core/errors.js';

/**
 * The largest file Koda imports, from the browser or the CLI. Chosen by measurement
 * (`npm run bench -- --only upload`): at 32 MB a PDF of 6,600 pages peaked at 1.17 GB and a
 * SubRip file at 740 MB; at 20 MB the peaks are 400 (txt) to 745 MB (pdf, docx at its inflate
 * bound), under 1 GB with room for the rest of the server. Zip formats are also bounded by what they may inflate (formats/zip.ts).
 */
export const UPLOAD_LIMIT_MB = 20;
export const UPLOAD_LIMIT = UPLOAD_LIMIT_MB * 1024 * 1024;

export const uploadTooLarge = (file: string): KodaError => invalid('upload.too-large', { file, limit: UPLOAD_LIMIT_MB });

/** Refuses a file over the limit, before it is read or parsed. */
export function assertUploadSize(bytes: number, file: string): void {
  if (bytes > UPLOAD_LIMIT) throw uploadTooLarge(file);
}
