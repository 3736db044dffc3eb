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

/**
 * The largest recording Koda keeps: 2 GiB, about four hours of 16-bit stereo wav at 44.1 kHz or
 * a day of mp3. A recording is streamed into the store a chunk at a time (store/recordings.ts),
 * so this bounds the database's growth, not the memory; `KODA_RECORDING_LIMIT_MB` sets another.
 */
export const RECORDING_LIMIT_MB = 2048;

export function recordingLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.KODA_RECORDING_LIMIT_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : RECORDING_LIMIT_MB) * 1024 * 1024;
}

export const recordingTooLarge = (file: string, limitBytes: number): KodaError =>
  invalid('recording.too-large', { file, limit: Math.round(limitBytes / (1024 * 1024)) });
