import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { deflatedSpaces, zipWithLyingEntry } from '../../reliability/lyingZip.js';
import { KodaError } from '../../src/core/errors.js';
import { importDocx } from '../../src/formats/docx.js';
import { importOdt } from '../../src/formats/odt.js';
import { readZipAll } from '../../src/formats/zip.js';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const DOCX = {
  '[Content_Types].xml':
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  '_rels/.rels':
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
};
const DOCUMENT = `<?xml version="1.0"?><w:document ${W}><w:body><w:p><w:r><w:t>I: Hej</w:t></w:r></w:p></w:body></w:document>`;

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof KodaError) return `${e.code} ${JSON.stringify(e.params)}`;
    throw e;
  }
  return 'read';
}

// 64 MB of spaces in about 64 KB, each archive declaring the entry 2,000 bytes long.
const bomb = deflatedSpaces(64);

describe('zip entries that inflate to more than they declare', () => {
  it('refuses a docx whose document lies about its size, before mammoth sees it', async () => {
    const docx = zipWithLyingEntry(DOCX, 'word/document.xml', bomb, 2000);
    expect(await refusal(importDocx(docx, 'lögn.docx'))).toBe(
      'zip.entry-larger-than-declared {"file":"lögn.docx","entry":"word/document.xml"}',
    );
  });

  it('refuses an odt whose content lies about its size', async () => {
    const odt = zipWithLyingEntry({ 'META-INF/manifest.xml': '<manifest/>' }, 'content.xml', bomb, 2000);
    expect(await refusal(importOdt(odt, 'lögn.odt'))).toBe(
      'zip.entry-larger-than-declared {"file":"lögn.odt","entry":"content.xml"}',
    );
  });

  it('refuses a REFI-QDA archive with a lying source file', async () => {
    const qdpx = zipWithLyingEntry({ 'project.qde': '<Project/>' }, 'sources/a.txt', bomb, 2000);
    expect(await refusal(readZipAll(qdpx, 'x.qdpx', 'REFI-QDA (.qdpx)'))).toBe(
      'zip.entry-larger-than-declared {"file":"x.qdpx","entry":"sources/a.txt"}',
    );
  });

  it('never inflates a docx part mammoth does not read, such as a picture', async () => {
    const docx = zipWithLyingEntry({ ...DOCX, 'word/document.xml': DOCUMENT }, 'word/media/image1.png', bomb, 2000);
    expect((await importDocx(docx, 'bild.docx')).text).toBe('I: Hej');
  });

  it('refuses a docx whose text parts, honestly declared, exceed what mammoth can hold', async () => {
    // Varied words, so the XML compresses like a real document's (no ratio refusal): 9 MB of it.
    let seed = 1;
    const word = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed.toString(36);
    };
    const runs: string[] = [];
    for (let size = 0; size < 9 * 1024 * 1024; size += runs[runs.length - 1]?.length ?? 0) {
      runs.push(`<w:r><w:t>${word()} ${word()}</w:t></w:r>`);
    }
    const xml = `<w:document ${W}><w:body><w:p>${runs.join('')}</w:p></w:body></w:document>`;
    const encode = (text: string) => new TextEncoder().encode(text);
    const docx = zipSync({
      ...Object.fromEntries(Object.entries(DOCX).map(([k, v]) => [k, encode(v)])),
      'word/document.xml': encode(xml),
    });
    expect(await refusal(importDocx(docx, 'stor.docx'))).toBe('import.too-large {"file":"stor.docx","format":"docx"}');
  });
});
