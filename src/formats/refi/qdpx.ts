import { type Zippable, zipSync } from 'fflate';
import { invalid, KodaError } from '../../core/errors.js';
import { readZipAll, type ZipLimits } from '../zip.js';
import { ArchiveFiles } from './files.js';
import type { ImportPlan } from './plan.js';
import { planFromXml } from './qde.js';
import { parseXml, type XML_LIMITS } from './xml.js';

/**
 * REFI-QDA files in and out: a .qdpx project (a zip holding project.qde and a flat `sources/`
 * folder) or a bare .qdc codebook. Reading goes through the zip and XML guards; nothing here
 * writes to the store.
 */
const QDPX = 'REFI-QDA (.qdpx)';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export interface ReadOptions {
  language: 'sv' | 'en';
  zipLimits?: ZipLimits;
  xmlLimits?: typeof XML_LIMITS;
}

/** Reads a .qdpx or .qdc file into an import plan; refuses (KodaError) anything unsafe or broken. */
export async function readRefiFile(bytes: Uint8Array, fileName: string, options: ReadOptions): Promise<ImportPlan> {
  const file = fileName.split(/[\\/]/).pop() ?? fileName;
  const ext = file.includes('.') ? (file.split('.').pop() ?? '').toLowerCase() : '';
  const isZip = ZIP_MAGIC.every((b, i) => bytes[i] === b);
  if (isZip) return readQdpx(bytes, file, options);
  if (ext === 'qdpx') throw invalid('import.corrupt', { file, format: QDPX });
  if (ext !== 'qdc' && ext !== 'qde' && ext !== 'xml') throw invalid('refi.unsupported', { file });
  const root = parseXml(decodeXml(bytes, file), file, options.xmlLimits);
  return planFromXml(root, { file, files: null, language: options.language });
}

async function readQdpx(bytes: Uint8Array, file: string, options: ReadOptions): Promise<ImportPlan> {
  let entries = await readZipAll(bytes, file, QDPX, options.zipLimits);
  const qdes = [...entries.keys()].filter((n) => n.toLowerCase().endsWith('.qde'));
  if (qdes.length === 0) throw invalid('refi.no-project-file', { file });
  // The standard's name first; ATLAS.ti names it after the project; a zipped folder puts it one level down.
  const named = qdes.filter((n) => n.split('/').pop()?.toLowerCase() === 'project.qde');
  const pick = named.length === 1 ? named : qdes;
  if (pick.length !== 1) throw invalid('refi.many-project-files', { file, count: qdes.length });
  let qde = pick[0] as string;
  const folder = qde.includes('/') ? qde.slice(0, qde.lastIndexOf('/') + 1) : '';
  if (folder !== '') {
    entries = new Map([...entries].filter(([n]) => n.startsWith(folder)).map(([n, b]) => [n.slice(folder.length), b]));
    qde = qde.slice(folder.length);
  }
  const qdeBytes = entries.get(qde) as Uint8Array;
  const root = parseXml(decodeXml(qdeBytes, `${file}: ${qde}`), `${file}: ${qde}`, options.xmlLimits);
  return planFromXml(root, { file, files: new ArchiveFiles(entries), qdeEntry: qde, language: options.language });
}

/** XML bytes as text: UTF-8 (with or without BOM) or UTF-16 with BOM. */
function decodeXml(bytes: Uint8Array, file: string): string {
  const [b0, b1, b2] = bytes;
  try {
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3));
    if (b0 === 0xff && b1 === 0xfe) return new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    if (b0 === 0xfe && b1 === 0xff) return new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    if (e instanceof KodaError) throw e;
    throw invalid('refi.not-xml', { file, line: 0 });
  }
}

export interface ArchiveFile {
  name: string;
  bytes: Uint8Array;
  /** False for files that are compressed already (docx, pdf, odt). */
  compress: boolean;
}

/** Zips project.qde and the source files into a .qdpx. */
export function writeQdpx(qde: string, files: ArchiveFile[], at = new Date()): Uint8Array {
  const zippable: Zippable = { 'project.qde': [new TextEncoder().encode(qde), { level: 6 }] };
  for (const f of files) zippable[f.name] = [f.bytes, { level: f.compress ? 6 : 0 }];
  return zipSync(zippable, { mtime: at });
}
