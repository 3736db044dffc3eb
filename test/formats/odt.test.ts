import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { importOdt } from '../../src/formats/odt.js';

const enc = (s: string) => new TextEncoder().encode(s);

const MANIFEST = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>`;

function content(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">
 <office:body>
  <office:text>
   <text:sequence-decls><text:sequence-decl text:display-outline-level="0" text:name="Figure"/></text:sequence-decls>
   ${body}
  </office:text>
 </office:body>
</office:document-content>`;
}

function odtOf(body: string, manifest = MANIFEST): Uint8Array {
  return zipSync({
    mimetype: [enc('application/vnd.oasis.opendocument.text'), { level: 0 }],
    'META-INF/manifest.xml': enc(manifest),
    // Stored, so a deeply nested body is not refused first for its compression ratio.
    'content.xml': [enc(content(body)), { level: 0 }],
  });
}

async function errorOf(promise: Promise<unknown>): Promise<[string, unknown]> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return [err.code, err.params];
}

describe('importOdt', () => {
  it('reads headings and paragraphs in order with spans, text:s, tabs and line breaks', async () => {
    const body = `<text:h text:outline-level="1">Intervju <text:span text:style-name="T1">5</text:span></text:h>
   <text:p>I: Hur   <text:span>ser <text:span>du</text:span></text:span> på det?</text:p>
   <text:p/>
   <text:p>Kristin:<text:s text:c="3"/>Tre<text:s/>mellanslag<text:tab/>tab<text:line-break/>ny rad &amp; &lt;tecken&gt; &#229;&#x1F600;</text:p>
   <text:list><text:list-item><text:p>I: I en lista.</text:p></text:list-item></text:list>`;
    const source = await importOdt(odtOf(body), 'i5.odt');
    expect(source.text).toBe(
      'Intervju 5\n\nI: Hur ser du på det?\n\nKristin:   Tre mellanslag\ttab\nny rad & <tecken> å😀\n\nI: I en lista.',
    );
    expect(source.turns.map((t) => [t.speaker, t.start, t.end])).toEqual([
      ['I', 12, 33],
      ['Kristin', 35, 85],
      ['I', 87, 101],
    ]);
    expect(source.metadata).toEqual({ paragraphs: 4 });
    expect(source.mediaType).toBe('application/vnd.oasis.opendocument.text');
  });

  it('leaves out footnotes and comments from the running text', async () => {
    const body = `<text:p>Albin: Text<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p>Fotnot</text:p></text:note-body></text:note> slut.</text:p>
   <text:p>I: <office:annotation><text:p>En kommentar</text:p></office:annotation>Fråga?</text:p>`;
    const source = await importOdt(odtOf(body), 'n.odt');
    expect(source.text).toBe('Albin: Text slut.\n\nI: Fråga?');
  });

  it('refuses an encrypted ODT (manifest with encryption-data)', async () => {
    const manifest = MANIFEST.replace(
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>',
      '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"/></manifest:file-entry>',
    );
    expect(await errorOf(importOdt(odtOf('<text:p>x</text:p>', manifest), 's.odt'))).toEqual([
      'import.encrypted-or-legacy',
      { file: 's.odt' },
    ]);
  });

  it('refuses content.xml that is not XML, a DOCTYPE, a missing content.xml and non-zip bytes', async () => {
    const corrupt = ['import.corrupt', { file: 'c.odt', format: 'odt' }];
    const garbage = zipSync({ 'content.xml': new Uint8Array([0x00, 0x13, 0x37, 0xff, 0x3c]) });
    expect(await errorOf(importOdt(garbage, 'c.odt'))).toEqual(corrupt);
    const bad = zipSync({ 'content.xml': enc('<a><b></a>') });
    expect(await errorOf(importOdt(bad, 'c.odt'))).toEqual(corrupt);
    const entity = zipSync({ 'content.xml': enc('<!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>') });
    expect(await errorOf(importOdt(entity, 'c.odt'))).toEqual(corrupt);
    expect(await errorOf(importOdt(zipSync({ 'other.xml': enc('<a/>') }), 'c.odt'))).toEqual(corrupt);
    expect(await errorOf(importOdt(enc('PK not really a zip'), 'c.odt'))).toEqual(corrupt);
    const good = odtOf('<text:p>I: Hej</text:p>');
    expect(await errorOf(importOdt(good.subarray(0, good.length - 30), 'c.odt'))).toEqual(corrupt);
  });

  it('refuses a reference to a character XML cannot hold, naming it: NUL, a lone surrogate, past U+10FFFF', async () => {
    for (const reference of ['&#0;', '&#xD800;', '&#56320;', '&#x110000;']) {
      expect(await errorOf(importOdt(odtOf(`<text:p>I: Hej ${reference} då</text:p>`), 'r.odt'))).toEqual([
        'xml.bad-character',
        { file: 'r.odt', reference },
      ]);
    }
    const inAttribute = odtOf('<text:p text:style-name="P&#1;">I: Hej</text:p>');
    expect(await errorOf(importOdt(inAttribute, 'r.odt'))).toEqual(['xml.bad-character', { file: 'r.odt', reference: '&#1;' }]);
  });

  it('refuses XML nested deeper than the limit, without recursing into it', async () => {
    const deep = `${'<text:span>'.repeat(100_000)}x${'</text:span>'.repeat(100_000)}`;
    expect(await errorOf(importOdt(odtOf(`<text:p>${deep}</text:p>`), 'd.odt'))).toEqual([
      'xml.too-deep',
      { file: 'd.odt', depth: 256 },
    ]);
    const nested = `${'<text:span>'.repeat(200)}I: Djupt${'</text:span>'.repeat(200)}`;
    expect((await importOdt(odtOf(`<text:p>${nested}</text:p>`), 'd.odt')).text).toBe('I: Djupt');
  });

  it('refuses an ODT without text as empty', async () => {
    expect(await errorOf(importOdt(odtOf('<text:p> </text:p>'), 'e.odt'))).toEqual(['import.empty', { file: 'e.odt' }]);
  });
});
