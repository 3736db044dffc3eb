import { zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { importDocx } from '../../src/formats/docx.js';
import { importerFor, parseSource } from '../../src/formats/index.js';
import { importMd } from '../../src/formats/md.js';
import { importOdt } from '../../src/formats/odt.js';
import { importPdf } from '../../src/formats/pdf.js';
import { importSrt } from '../../src/formats/srt.js';
import { importTxt } from '../../src/formats/txt.js';
import { importVtt } from '../../src/formats/vtt.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function errorOf(run: () => unknown): Promise<[string, unknown]> {
  let err: unknown = null;
  try {
    await run();
  } catch (e) {
    err = e;
  }
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return [err.code, err.params];
}

describe('importerFor', () => {
  it('picks the importer by extension, case-insensitively', () => {
    expect(
      ['a.txt', 'b.TEXT', 'c.md', 'd.Markdown', 'e.DOCX', 'f.odt', 'g.Pdf', 'h.vtt', 'dir.x/i.SRT'].map(importerFor),
    ).toEqual([importTxt, importTxt, importMd, importMd, importDocx, importOdt, importPdf, importVtt, importSrt]);
  });

  it('refuses unknown and missing extensions', async () => {
    expect(await errorOf(() => importerFor('notes.rtf'))).toEqual(['import.unsupported', { file: 'notes.rtf', ext: 'rtf' }]);
    expect(await errorOf(() => importerFor('README'))).toEqual(['import.unsupported', { file: 'README', ext: '' }]);
    expect(await errorOf(() => importerFor('.txt'))).toEqual(['import.unsupported', { file: '.txt', ext: '' }]);
  });
});

describe('parseSource', () => {
  it('dispatches and returns the importer’s result', async () => {
    const source = await parseSource(enc('I: Hej\nIP: Hej'), 'x.TXT');
    expect(source.kind).toBe('txt');
    expect(source.turns.map((t) => t.speaker)).toEqual(['I', 'IP']);
  });

  it('passes KodaErrors through', async () => {
    expect(await errorOf(() => parseSource(enc(''), 'e.md'))).toEqual(['import.empty', { file: 'e.md' }]);
  });

  it('wraps an unexpected exception from an importer as import.corrupt', async () => {
    vi.resetModules();
    vi.doMock('../../src/formats/pdf.js', () => ({
      importPdf: async () => {
        throw new TypeError('library bug');
      },
    }));
    try {
      // Fresh modules: KodaError is a new class here, so compare by shape.
      const fresh = await import('../../src/formats/index.js');
      const err = await fresh.parseSource(enc('%PDF'), 'x.PDF').catch((e: unknown) => e);
      expect(err).toMatchObject({ name: 'KodaError', code: 'import.corrupt', params: { file: 'x.PDF', format: 'pdf' } });
    } finally {
      vi.doUnmock('../../src/formats/pdf.js');
      vi.resetModules();
    }
  });

  it('reports malformed office files as import.corrupt', async () => {
    // A zip whose word/document.xml is not XML makes mammoth fail.
    const broken = zipSync({
      '[Content_Types].xml': enc(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      ),
      'word/document.xml': enc('<<<not xml'),
    });
    expect(await errorOf(() => parseSource(broken, 'b.docx'))).toEqual(['import.corrupt', { file: 'b.docx', format: 'docx' }]);
    expect(await errorOf(() => parseSource(enc('PK\u0003\u0004 truncated'), 'b.odt'))).toEqual([
      'import.corrupt',
      { file: 'b.odt', format: 'odt' },
    ]);
  });
});
