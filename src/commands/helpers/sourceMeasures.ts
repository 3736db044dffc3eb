import { createHash } from 'node:crypto';
import { codePointLength } from '../../core/text/codePoints.js';

/** What a source row keeps about its text and original file besides them (text_hash, text_length, original_hash). */
export interface SourceMeasures {
  textHash: string;
  textLength: number;
  originalHash: string;
}

/**
 * Measured in the worker thread that read the file: hashing and counting a 15 MB transcript took
 * over 100 ms of the server's thread (issue 13).
 */
export function measureSource(text: string, original: Uint8Array): SourceMeasures {
  return { textHash: sha256(text), textLength: codePointLength(text), originalHash: sha256(original) };
}

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
