import { invalid, KodaError } from '../core/errors.js';
import { importDocx } from './docx.js';
import { importMd } from './md.js';
import { importOdt } from './odt.js';
import { importOtr } from './otr.js';
import { importPdf } from './pdf.js';
import { importSrt } from './srt.js';
import { importTxt } from './txt.js';
import type { Importer, ParsedSource, SourceKind } from './types.js';
import { importVtt } from './vtt.js';
import { importWhisper } from './whisper.js';

const BY_EXTENSION: Record<string, [SourceKind, Importer]> = {
  txt: ['txt', importTxt],
  text: ['txt', importTxt],
  md: ['md', importMd],
  markdown: ['md', importMd],
  docx: ['docx', importDocx],
  odt: ['odt', importOdt],
  pdf: ['pdf', importPdf],
  vtt: ['vtt', importVtt],
  srt: ['srt', importSrt],
  // Whisper or WhisperX, told apart by shape (whisper.ts).
  json: ['whisper', importWhisper],
  otr: ['otr', importOtr],
};

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function lookup(fileName: string): [SourceKind, Importer] {
  const ext = extensionOf(fileName);
  const found = Object.hasOwn(BY_EXTENSION, ext) ? BY_EXTENSION[ext] : undefined;
  if (!found) throw invalid('import.unsupported', { file: fileName, ext });
  return found;
}

/** The importer for a file, chosen by its extension (case-insensitive). */
export function importerFor(fileName: string): Importer {
  return lookup(fileName)[1];
}

/**
 * Import one file. Library failures on malformed input surface as `import.corrupt`, so a
 * caller only ever sees KodaErrors.
 */
export async function parseSource(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const [format, importer] = lookup(fileName);
  try {
    return await importer(bytes, fileName);
  } catch (err) {
    if (err instanceof KodaError) throw err;
    throw invalid('import.corrupt', { file: fileName, format });
  }
}
