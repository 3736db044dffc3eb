import { Deflate, zipSync } from 'fflate';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;

/**
 * `mb` megabytes of spaces, deflated a megabyte at a time: a zip bomb's payload built without
 * ever holding it inflated (about 1 KB per MB).
 */
export function deflatedSpaces(mb: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const deflate = new Deflate({ level: 9 }, (chunk) => parts.push(chunk));
  const megabyte = new Uint8Array(1024 * 1024).fill(0x20);
  for (let i = 0; i < mb; i++) deflate.push(megabyte, i === mb - 1);
  return Buffer.concat(parts);
}

/**
 * A zip of `entries` in which `liar` holds `payload` (raw deflate) but both its local header
 * and its central directory record declare it `declared` bytes long: what only a reader that
 * counts the bytes it inflates can catch.
 */
export function zipWithLyingEntry(
  entries: Record<string, string>,
  liar: string,
  payload: Uint8Array,
  declared: number,
): Uint8Array {
  const placeholder = new Uint8Array(payload.length);
  const files: Record<string, [Uint8Array, { level: 0 }]> = {};
  for (const [name, text] of Object.entries(entries)) files[name] = [new TextEncoder().encode(text), { level: 0 }];
  files[liar] = [placeholder, { level: 0 }];
  const zip = Buffer.from(zipSync(files));
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = Buffer.from(liar);
  for (let at = 0; at + 46 < zip.length; at++) {
    const signature = view.getUint32(at, true);
    const header = signature === LOCAL ? 30 : signature === CENTRAL ? 46 : 0;
    if (header === 0 || !zip.subarray(at + header, at + header + name.length).equals(name)) continue;
    const sizes = signature === LOCAL ? at + 18 : at + 20;
    view.setUint16(signature === LOCAL ? at + 8 : at + 10, 8, true); // method: deflate
    view.setUint32(sizes, payload.length, true); // compressed: the payload as it is
    view.setUint32(sizes + 4, declared, true); // uncompressed: the lie
    if (signature === LOCAL) zip.set(payload, at + header + name.length + view.getUint16(at + 28, true));
  }
  return zip;
}
