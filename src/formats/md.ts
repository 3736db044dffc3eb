import { importPlainText } from './txt.js';
import type { ParsedSource } from './types.js';

/**
 * Markdown is kept as written: a researcher's markup is part of their text, and stripping it
 * would make offsets disagree with the file they see. Turn detection accepts emphasis around
 * a speaker label (`**Albin:**`).
 */
export async function importMd(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  return importPlainText(bytes, fileName, 'md', 'text/markdown');
}
