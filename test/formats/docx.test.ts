import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { importDocx } from '../../src/formats/docx.js';

async function docxOf(children: (Paragraph | Table)[]): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

async function errorOf(promise: Promise<unknown>): Promise<[string, unknown]> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return [err.code, err.params];
}

describe('importDocx', () => {
  it('joins paragraphs with a blank line, drops empty ones and finds turns', async () => {
    const bytes = await docxOf([
      new Paragraph('Intervju 4 – Omega'),
      new Paragraph(''),
      new Paragraph('I: Vad betyder handlingsutrymme för dig?'),
      new Paragraph({
        children: [new TextRun('Albin: Att jag får '), new TextRun({ text: 'välja', bold: true }), new TextRun(' själv.')],
      }),
      new Paragraph('I: Och hindren?'),
    ]);
    const source = await importDocx(bytes, 'i4.docx');
    expect(source.text).toBe(
      'Intervju 4 – Omega\n\nI: Vad betyder handlingsutrymme för dig?\n\nAlbin: Att jag får välja själv.\n\nI: Och hindren?',
    );
    expect(source.turns).toEqual([
      { start: 20, end: 60, speaker: 'I', startMs: null, endMs: null },
      { start: 62, end: 93, speaker: 'Albin', startMs: null, endMs: null },
      { start: 95, end: 110, speaker: 'I', startMs: null, endMs: null },
    ]);
    expect(source.metadata).toEqual({ paragraphs: 4 });
    expect(source.kind).toBe('docx');
  });

  it('keeps line breaks and tabs inside a paragraph, and table cells as paragraphs', async () => {
    const bytes = await docxOf([
      new Paragraph({ children: [new TextRun('IP: Första raden'), new TextRun({ text: 'andra\traden', break: 1 })] }),
      new Table({
        rows: [
          new TableRow({
            children: [
              new TableCell({ children: [new Paragraph('Cell A')] }),
              new TableCell({ children: [new Paragraph('Cell B')] }),
            ],
          }),
        ],
      }),
    ]);
    const source = await importDocx(bytes, 'br.docx');
    expect(source.text).toBe('IP: Första raden\nandra\traden\n\nCell A\n\nCell B');
  });

  it('normalises decomposed text to NFC', async () => {
    const source = await importDocx(await docxOf([new Paragraph('Ha\u0308r')]), 'nfd.docx');
    expect(source.text).toBe('H\u00e4r');
  });

  it('refuses an OLE compound file as encrypted or legacy', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await errorOf(importDocx(ole, 'secret.docx'))).toEqual(['import.encrypted-or-legacy', { file: 'secret.docx' }]);
  });

  it('refuses non-zip bytes, a truncated zip and a zip without a document as corrupt', async () => {
    const corrupt = ['import.corrupt', { file: 'c.docx', format: 'docx' }];
    expect(await errorOf(importDocx(new TextEncoder().encode('not a zip'), 'c.docx'))).toEqual(corrupt);
    const good = await docxOf([new Paragraph('I: Hej')]);
    expect(await errorOf(importDocx(good.subarray(0, good.length - 40), 'c.docx'))).toEqual(corrupt);
    const other = zipSync({ 'hello.txt': new TextEncoder().encode('hej') });
    expect(await errorOf(importDocx(other, 'c.docx'))).toEqual(corrupt);
  });

  it('refuses a document without text as empty', async () => {
    expect(await errorOf(importDocx(await docxOf([new Paragraph('  ')]), 'e.docx'))).toEqual([
      'import.empty',
      { file: 'e.docx' },
    ]);
  });

  it('refuses a zip bomb by its compression ratio', async () => {
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(await errorOf(importDocx(bomb, 'bomb.docx'))).toEqual(['import.too-large', { file: 'bomb.docx', format: 'docx' }]);
  });
});
