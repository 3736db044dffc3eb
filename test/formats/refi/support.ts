import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync, type ZipOptions, zipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';

/** The REFI-QDA schemas and sample exports, kept in the repository (see its README for where each came from). */
export const REFI_DIR = fileURLToPath(new URL('../../fixtures/refi-qda/', import.meta.url));
export const sample = (name: string) => new Uint8Array(readFileSync(`${REFI_DIR}samples/${name}`));

const schemas = new Map<string, string>();

/** Schema errors of `xml` against Project.xsd or Codebook.xsd; [] when valid. */
export async function xsdErrors(xml: string, schema: 'Project.xsd' | 'Codebook.xsd'): Promise<string[]> {
  if (!schemas.has(schema)) schemas.set(schema, readFileSync(`${REFI_DIR}${schema}`, 'utf8'));
  const result = await validateXML({
    xml: [{ fileName: 'export.xml', contents: xml }],
    schema: [{ fileName: schema, contents: schemas.get(schema) as string }],
  });
  return result.errors.map((e) => e.rawMessage);
}

/** Every file of a zip, as bytes. */
export const unzip = (bytes: Uint8Array) => unzipSync(bytes);
export const text = (bytes: Uint8Array | undefined) => (bytes ? strFromU8(bytes) : '');

export type Entry = string | Uint8Array | [string | Uint8Array, ZipOptions & { os?: number; attrs?: number }];

/** A zip of the given entries (strings as UTF-8). */
export function zip(entries: Record<string, Entry>): Uint8Array {
  const enc = (v: string | Uint8Array) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
  const files: Record<string, Uint8Array | [Uint8Array, ZipOptions]> = {};
  for (const [name, value] of Object.entries(entries))
    files[name] = Array.isArray(value) ? [enc(value[0]), value[1]] : enc(value);
  return zipSync(files as Parameters<typeof zipSync>[0]);
}

/** Replaces every occurrence of an ASCII string of the same length in raw bytes (to forge zips). */
export function patch(bytes: Uint8Array, from: string, to: string): Uint8Array {
  if (from.length !== to.length) throw new Error('same length only');
  const out = new Uint8Array(bytes);
  const a = Buffer.from(from, 'latin1');
  const b = Buffer.from(to, 'latin1');
  let at = Buffer.from(out.buffer).indexOf(a);
  while (at !== -1) {
    out.set(b, at);
    at = Buffer.from(out.buffer).indexOf(a, at + 1);
  }
  return out;
}

/** A small REFI-QDA project document around `body` (the elements inside <Project>). */
export function qde(body: string, attrs = 'name="Test" origin="test"', ns = 'urn:QDA-XML:project:1.0'): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="${ns}" ${attrs}>${body}</Project>`;
}

export const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
