import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { importMd } from '../../src/formats/md.js';
import { decodeText, importTxt } from '../../src/formats/txt.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const utf16le = (s: string) => {
  const out = new Uint8Array(2 + s.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[2 + i * 2] = s.charCodeAt(i) & 0xff;
    out[3 + i * 2] = s.charCodeAt(i) >> 8;
  }
  return out;
};
const utf16be = (s: string) => {
  const le = utf16le(s);
  const out = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    out[i] = le[i + 1] as number;
    out[i + 1] = le[i] as number;
  }
  return out;
};

async function codeOf(promise: Promise<unknown> | (() => unknown)): Promise<[string, unknown]> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (err) {
    if (err instanceof KodaError) return [err.code, err.params];
    throw err;
  }
  throw new Error('expected a KodaError');
}

const SAMPLE = 'I: Hur mår du? 😀\nIP: Bra, tack – åäö ÅÄÖ.';

describe('decodeText', () => {
  it('decodes UTF-8, UTF-8 with BOM, UTF-16LE and UTF-16BE with BOM to the same text', async () => {
    for (const [bytes, encoding] of [
      [utf8(SAMPLE), 'utf-8'],
      [new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]), 'utf-8-bom'],
      [utf16le(SAMPLE), 'utf-16le'],
      [utf16be(SAMPLE), 'utf-16be'],
    ] as const) {
      const source = await importTxt(bytes, 'a.txt');
      expect(source.text).toBe(SAMPLE);
      expect(source.metadata).toEqual({ encoding });
      expect(source.turns.map((t) => t.speaker)).toEqual(['I', 'IP']);
    }
  });

  it('refuses Latin-1 bytes, NUL bytes and odd-length UTF-16', async () => {
    const latin1 = new Uint8Array([0x49, 0x3a, 0x20, 0x68, 0xe5, 0x6c, 0x6c]); // "I: håll" in Latin-1
    expect(await codeOf(() => decodeText(latin1, 'x.txt'))).toEqual(['import.encoding', { file: 'x.txt' }]);
    const noBom16 = utf16le('Hej').subarray(2);
    expect(await codeOf(() => decodeText(noBom16, 'y.txt'))).toEqual(['import.encoding', { file: 'y.txt' }]);
    const odd = new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x42]);
    expect(await codeOf(() => decodeText(odd, 'z.txt'))).toEqual(['import.encoding', { file: 'z.txt' }]);
  });

  it('refuses empty and whitespace-only files', async () => {
    expect(await codeOf(importTxt(new Uint8Array(), 'e.txt'))).toEqual(['import.empty', { file: 'e.txt' }]);
    expect(await codeOf(importTxt(utf8(' \n\t\r\n'), 'w.txt'))).toEqual(['import.empty', { file: 'w.txt' }]);
    expect(await codeOf(importTxt(new Uint8Array([0xef, 0xbb, 0xbf]), 'b.txt'))).toEqual(['import.empty', { file: 'b.txt' }]);
  });
});

describe('importTxt', () => {
  it('turns CRLF and lone CR into LF', async () => {
    const source = await importTxt(utf8('I: Ett\r\nIP: Två\rI: Tre\r\n'), 'crlf.txt');
    expect(source.text).toBe('I: Ett\nIP: Två\nI: Tre\n');
    expect(source.turns.map((t) => [t.start, t.end])).toEqual([
      [0, 6],
      [7, 14],
      [15, 21],
    ]);
  });

  it('normalises NFD input to NFC', async () => {
    const source = await importTxt(utf8('Ha\u0308r a\u0308r texten.'), 'nfd.txt');
    expect(source.text).toBe('H\u00e4r \u00e4r texten.');
    expect(source.text.length).toBe(14);
  });

  it('gives code-point offsets for a turn after an emoji-bearing line', async () => {
    const raw = 'Albin: 🎉🎉 Vilken dag!\n\nKristin: Ja 👍🏽 verkligen.\n\n';
    const source = await importTxt(utf8(raw), 'emoji.txt');
    const index = new CodePointIndex(source.text);
    expect(source.turns.map((t) => index.slice(t.start, t.end))).toEqual([
      'Albin: 🎉🎉 Vilken dag!',
      'Kristin: Ja 👍🏽 verkligen.',
    ]);
    expect(source.text.indexOf('Kristin')).toBe(25); // UTF-16 units: two more
    expect(source.turns[1]).toEqual({ start: 23, end: 48, speaker: 'Kristin', startMs: null, endMs: null });
  });

  it('returns no turns for prose', async () => {
    const source = await importTxt(utf8('Bara en anteckning.\nObs: inte en talare.'), 'n.txt');
    expect(source).toEqual({
      kind: 'txt',
      text: 'Bara en anteckning.\nObs: inte en talare.',
      turns: [],
      metadata: { encoding: 'utf-8' },
      mediaType: 'text/plain',
    });
  });
});

describe('importMd', () => {
  it('keeps Markdown as written and finds bold speaker labels', async () => {
    const raw = '# Intervju 2\n\n**I:** Hur började det?\n\n**Albin:** Med *en* plan.\n';
    const source = await importMd(utf8(raw), 'i2.md');
    expect(source.kind).toBe('md');
    expect(source.mediaType).toBe('text/markdown');
    expect(source.text).toBe(raw);
    expect(source.turns.map((t) => [t.speaker, source.text.slice(t.start, t.end)])).toEqual([
      ['I', '**I:** Hur började det?'],
      ['Albin', '**Albin:** Med *en* plan.'],
    ]);
  });
});
