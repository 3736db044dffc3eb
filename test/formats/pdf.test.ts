import { createHash } from 'node:crypto';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { importPdf } from '../../src/formats/pdf.js';

async function pdfOf(pages: string[][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = pdf.addPage();
    lines.forEach((line, i) => {
      page.drawText(line, { x: 50, y: 700 - i * 20, font, size: 12 });
    });
  }
  return pdf.save();
}

async function errorOf(promise: Promise<unknown>): Promise<[string, unknown]> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return [err.code, err.params];
}

// ---- A genuinely encrypted PDF: standard security handler, RC4 128-bit, revision 3 --------
// pdf-lib cannot encrypt, so the file is written by hand (PDF 1.7 §7.6.3, algorithms 2, 3, 5).

const md5 = (...parts: Uint8Array[]) => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = Array.from({ length: 256 }, (_, i) => i);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (s[i] as number) + (key[i % key.length] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 255;
    j = (j + (s[i] as number)) & 255;
    [s[i], s[j]] = [s[j] as number, s[i] as number];
    out[k] = (data[k] as number) ^ (s[((s[i] as number) + (s[j] as number)) & 255] as number);
  }
  return out;
}

const PAD = Uint8Array.from('28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a'.match(/../g) ?? [], (h) =>
  Number.parseInt(h, 16),
);
const padded = (pw: string) => {
  const out = new Uint8Array(32);
  const bytes = new TextEncoder().encode(pw).subarray(0, 32);
  out.set(bytes);
  out.set(PAD.subarray(0, 32 - bytes.length), bytes.length);
  return out;
};
const rc4Rounds = (key: Uint8Array, data: Uint8Array) => {
  let x = rc4(key, data);
  for (let i = 1; i <= 19; i++)
    x = rc4(
      key.map((b) => b ^ i),
      x,
    );
  return x;
};
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

function encryptedPdf(userPassword: string, pageText: string): Uint8Array {
  const id = md5(new TextEncoder().encode('koda-test'));
  const p = -4;
  let ownerKey = md5(padded('owner'));
  for (let i = 0; i < 50; i++) ownerKey = md5(ownerKey);
  const o = rc4Rounds(ownerKey, padded(userPassword));
  const pBytes = new Uint8Array(new Int32Array([p]).buffer);
  let key = md5(padded(userPassword), o, pBytes, id);
  for (let i = 0; i < 50; i++) key = md5(key);
  const u = new Uint8Array(32);
  u.set(rc4Rounds(key, md5(PAD, id)));
  const objectKey = (num: number) => md5(key, new Uint8Array([num & 255, (num >> 8) & 255, num >> 16, 0, 0]));
  const stream = rc4(objectKey(5), new TextEncoder().encode(`BT /F1 12 Tf 72 720 Td (${pageText}) Tj ET`));
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${Buffer.from(stream).toString('latin1')}\nendstream`,
    `<< /Filter /Standard /V 2 /R 3 /Length 128 /P ${p} /O <${hex(o)}> /U <${hex(u)}> >>`,
  ];
  let out = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 6 0 R /ID [<${hex(id)}> <${hex(id)}>] >>\n`;
  out += `startxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

describe('importPdf', () => {
  it('extracts the text layer, pages joined by a blank line, with turns', async () => {
    const bytes = await pdfOf([['I: Hur mår du, åäö ÅÄÖ?', 'Albin: Bra, tack.'], ['I: Tack för att du var med.']]);
    const source = await importPdf(bytes, 'i6.pdf');
    expect(source.text).toBe('I: Hur mår du, åäö ÅÄÖ?\nAlbin: Bra, tack.\n\nI: Tack för att du var med.');
    expect(source.turns.map((t) => [t.speaker, t.start, t.end])).toEqual([
      ['I', 0, 23],
      ['Albin', 24, 41],
      ['I', 43, 70],
    ]);
    expect(source.metadata).toEqual({ pages: 2 });
    expect(source.kind).toBe('pdf');
  });

  it('does not detach or change the caller’s bytes', async () => {
    const bytes = await pdfOf([['Text']]);
    const copy = bytes.slice();
    await importPdf(bytes, 'a.pdf');
    expect(bytes).toEqual(copy);
  });

  it('refuses a PDF without a text layer', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage().drawRectangle({ x: 50, y: 50, width: 200, height: 100, color: rgb(0.8, 0.1, 0.1) });
    expect(await errorOf(importPdf(await pdf.save(), 'scan.pdf'))).toEqual(['import.no-text-layer', { file: 'scan.pdf' }]);
  });

  it('refuses truncated and non-PDF bytes as corrupt', async () => {
    const bytes = await pdfOf([['I: Hej', 'IP: Hej']]);
    const corrupt = ['import.corrupt', { file: 'c.pdf', format: 'pdf' }];
    expect(await errorOf(importPdf(bytes.subarray(0, Math.floor(bytes.length / 2)), 'c.pdf'))).toEqual(corrupt);
    expect(await errorOf(importPdf(new TextEncoder().encode('hello'), 'c.pdf'))).toEqual(corrupt);
  });

  it('refuses a password-protected PDF as encrypted', async () => {
    const bytes = encryptedPdf('secret', 'Hemlig text');
    // The fixture is real: with its password pdf.js decrypts the page.
    const doc = await getDocumentProxy(bytes.slice(), { password: 'secret', verbosity: 0 });
    expect((await extractText(doc, { mergePages: true })).text).toBe('Hemlig text');
    expect(await errorOf(importPdf(bytes, 'locked.pdf'))).toEqual(['import.encrypted-or-legacy', { file: 'locked.pdf' }]);
  });
});
