import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { layOutTranscript } from '../../src/core/transcript/codedTranscript.js';
import { codedTranscriptDocx } from '../../src/formats/codedTranscriptDocx.js';
import { officeBytes } from '../../src/formats/officeZip.js';
import type { Quote } from '../../src/formats/quoteList.js';
import { quotesDocx } from '../../src/formats/quotesDocx.js';
import { documentText, hasSoffice } from '../queries/office.js';

const quote = (text: string, memo = ''): Quote => ({
  source: 'intervju-3',
  case: 'Kerstin',
  speaker: 'IP',
  coder: 'anna',
  codes: ['hinder'],
  text,
  memo,
  start: 10,
  end: 10 + text.length,
});

const QUOTES = [
  quote('Vi når inte ut till de äldre 😀.', 'Stark bild'),
  quote('=cmd <b> & "citat"'),
  quote('Tiden\u0001 räcker inte.'),
];

function quoteList(quotes = QUOTES) {
  return officeBytes(
    quotesDocx({
      title: 'Citat: hinder',
      meta: 'Projekt: Studie · 3 citat',
      language: 'sv',
      quotes,
      attribution: (q) => `— ${q.case}, ${q.source} ${q.start}–${q.end}`,
      memo: (text) => `Memo: ${text}`,
      empty: 'Inga citat.',
    }),
  );
}

const xmlOf = (bytes: Uint8Array, name: string) => new TextDecoder().decode(unzipSync(bytes)[name]);

describe('docxWrite: the quote list', () => {
  it('writes each quote, its attribution and memo in their own styles, the text escaped', async () => {
    const bytes = quoteList();
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(value).toContain('Citat: hinder');
    expect(value).toContain('Vi når inte ut till de äldre 😀.');
    expect(value).toContain('=cmd <b> & "citat"');
    expect(value).toContain('Tiden räcker inte.');
    expect(value).toContain('— Kerstin, intervju-3 10–');
    expect(value).toContain('Memo: Stark bild');
    const document = xmlOf(bytes, 'word/document.xml');
    expect(document.match(/<w:pStyle w:val="KodaQuote"\/>/g)).toHaveLength(3);
    expect(document.match(/<w:pStyle w:val="KodaMemo"\/>/g)).toHaveLength(1);
    expect(document).toContain('=cmd &lt;b&gt; &amp; "citat"');
    const styles = xmlOf(bytes, 'word/styles.xml');
    for (const id of ['Normal', 'Title', 'KodaQuote', 'KodaAttribution', 'KodaMemo'])
      expect(styles).toContain(`w:styleId="${id}"`);
    expect(styles).toContain('<w:lang w:val="sv-SE"/>');
  });

  it('says so when there are no quotes', async () => {
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(quoteList([])) });
    expect(value).toContain('Inga citat.');
  });

  it('stays small for 10,000 quotes: the body is deflated', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      quote(`Citat nummer ${i} om försörjningsstöd och samverkan i stadsdelen.`),
    );
    const bytes = quoteList(many);
    const document = unzipSync(bytes)['word/document.xml'] as Uint8Array;
    expect(document.length).toBeGreaterThan(2_000_000);
    expect(bytes.length).toBeLessThan(document.length / 5);
  });

  it.skipIf(!hasSoffice)(
    'opens in LibreOffice with every quote',
    () => {
      const text = documentText(quoteList(), 'citat.docx');
      expect(text).toContain('Vi når inte ut till de äldre');
      expect(text).toContain('=cmd <b> & "citat"');
      expect(text).toContain('Memo: Stark bild');
    },
    120_000,
  );
});

describe('docxWrite: the coded transcript', () => {
  const text = 'I: Hur når ni ut?\nIP: Vi når inte ut <alls>.\n';
  const doc = {
    language: 'sv',
    title: 'intervju-3',
    meta: ['Fall: Kerstin'],
    legendHeading: 'Koder',
    segmentCount: (n: number) => `${n} segment`,
    empty: 'Inget är kodat.',
    marginLabel: 'Koder',
    codes: [{ number: 1, name: 'hinder', color: '#d62728', segments: 1 }],
    blocks: layOutTranscript(text, [{ start: 22, end: 36, code: 1 }]),
  };

  it('writes the text with its marks in a table row per line and the codes in the margin', async () => {
    const bytes = officeBytes(codedTranscriptDocx(doc));
    const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    expect(value).toContain('IP: [1Vi når inte ut1] <alls>.');
    expect(value).toContain('1 hinder (1 segment)');
    const document = xmlOf(bytes, 'word/document.xml');
    expect(document.match(/<w:tr>/g)).toHaveLength(doc.blocks.length);
    expect(document.match(/<w:cantSplit\/>/g)).toHaveLength(doc.blocks.length);
    expect(document).toContain('<w:vertAlign w:val="superscript"/>');
    expect(document).toContain('&lt;alls&gt;');
  });

  it.skipIf(!hasSoffice)(
    'opens in LibreOffice with the text and the codes',
    () => {
      const text = documentText(officeBytes(codedTranscriptDocx(doc)), 'transkript.docx');
      expect(text).toContain('Hur når ni ut?');
      expect(text).toContain('<alls>');
      expect(text).toContain('hinder');
    },
    120_000,
  );
});
