import { invalid, type KodaError } from '../core/errors.js';

/**
 * The largest file Koda imports, from the browser or the CLI. Chosen by measurement
 * (bench/uploadMemory.ts): importing a file of this size peaks at about 740 MB (SubRip, the
 * hungriest format), under the 1 GB a laptop server can spare. Zip formats are also bounded by
 * what they inflate (formats/zip.ts).
 */
export const UPLOAD_LIMIT_MB = 32;
export const UPLOAD_LIMIT = UPLOAD_LIMIT_MB * 1024 * 1024;

export const uploadTooLarge = (file: string): KodaError => invalid('upload.too-large', { file, limit: UPLOAD_LIMIT_MB });

/** Refuses a file over the limit, before it is read or parsed. */
export function assertUploadSize(bytes: number, file: string): void {
  if (bytes > UPLOAD_LIMIT) throw uploadTooLarge(file);
}
